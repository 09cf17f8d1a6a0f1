package dev.grat.cluster.kafka;

import dev.grat.EngineSettings;
import dev.grat.Grat;
import dev.grat.MovingClock;
import dev.grat.catalog.Item;
import dev.grat.cluster.ClusterLink;
import dev.grat.cluster.Replica;
import dev.grat.consent.ConsentChange;
import dev.grat.consent.Purpose;
import dev.grat.event.Channel;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.event.TrackContext;
import dev.grat.recommend.RecommendationRequest;
import dev.grat.store.postgres.PostgresStore;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node's own changes come back to it from Kafka (its follower reads every partition), from its own sender or
 * republished from the outbox by a drainer. The node applies its writes to its memory itself, so the copy must be
 * skipped, even when it arrives before the thread that made the write got to run again after the commit (a busy
 * machine), or after the node erased what it carries. Here the node's sender and follower run on the writing thread,
 * inside the publish, which forces the first order; the node must then still hold exactly what a node rebuilt from
 * the store holds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwnChangeEchoTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    private final AtomicInteger eventIds = new AtomicInteger();
    private final MovingClock clock = new MovingClock(NOW);
    @RegisterExtension
    static final KafkaForTests KAFKA = new KafkaForTests();
    private TestNodes nodes;
    private EchoingNode node;

    @BeforeEach
    void freshCluster() {
        nodes = new TestNodes(KAFKA.bootstrapServers(), clock);
        node = new EchoingNode();
        node.grat().putItems(items());
    }

    @AfterEach
    void dropCluster() throws Exception {
        node.close();
        nodes.close();
    }

    @Test
    void ownEvents_comingBackBeforeTheCommitReturned_areCountedOnce() {
        grant("p1");
        for (int i = 0; i < 3; i++) {
            track(view("anon-" + i, "c"));
        }
        track(view("p1", "a"), view("p1", "b"));

        node.echoAtOnce();
        track(view("anon-9", "d"));
        track(view("p1", "e"), view("anon-8", "e"));

        assertHoldsWhatTheStoreHolds("p1");
    }

    @Test
    void ownErasure_comingBackBeforeTheErasureReturned_isSubtractedOnce() {
        grant("v1");
        grant("v2");
        track(view("v1", "a"), view("v1", "b"), view("v1", "c"), view("v2", "a"), view("anon-1", "d"));

        node.echoAtOnce();
        node.grat().erase("v1");

        assertHoldsWhatTheStoreHolds("v2");
    }

    @Test
    void ownEvents_comingBackAfterTheVisitorWasErasedHere_areNotCountedAgain() {
        grant("v1");
        grant("v2");
        // The erasure frees the ids of v1's events (a re-sent copy is new again); their copy is still on its way.
        track(view("v1", "a"), view("v1", "b"), view("v2", "a"), view("anon-1", "d"));
        node.grat().erase("v1");

        assertHoldsWhatTheStoreHolds("v2");
    }

    @Test
    void ownRetentionRun_comingBackBeforeItReturned_isSubtractedOnce() {
        grant("p1");
        Instant old = NOW.minus(Duration.ofDays(40));
        track(view("p1", "a", old), view("p1", "b", old), view("p1", "c"), view("anon-1", "e", old),
                view("anon-2", "f"), view("anon-3", "b"));

        node.echoAtOnce();
        assertThat(node.grat().runRetention().totalRemoved()).isPositive();

        assertHoldsWhatTheStoreHolds("p1");
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    /** The echoing node's scores and profiles equal those of a node rebuilt from the store now. */
    private void assertHoldsWhatTheStoreHolds(String... visitors) {
        node.deliverDeferredEchoes();
        Grat rebuilt = nodes.start().grat();
        assertThat(scores(node.grat())).isEqualTo(scores(rebuilt));
        for (String visitor : visitors) {
            assertThat(node.grat().export(visitor).profile()).isEqualTo(rebuilt.export(visitor).profile());
        }
    }

    private void grant(String visitor) {
        node.grat().setConsent(visitor, new ConsentChange(Map.of(Purpose.PERSONALIZATION, true), "banner",
                "2026-01", false, null));
    }

    private void track(Event... events) {
        node.grat().track(List.of(events), TrackContext.none());
    }

    private Event view(String visitor, String item) {
        return view(visitor, item, NOW);
    }

    private Event view(String visitor, String item, Instant at) {
        return new Event("e" + eventIds.incrementAndGet(), EventType.PRODUCT_VIEW, visitor, null, Channel.WEB, at,
                item, "Women/Shoes", null, List.of(), null, null, Map.of());
    }

    private static List<String> scores(Grat grat) {
        List<String> lines = new ArrayList<>();
        for (String item : List.of("a", "b", "c", "d", "e", "f")) {
            grat.recommend(RecommendationRequest.product("x", item, 5)).items()
                    .forEach(p -> lines.add(item + ":" + p.id() + "=" + p.score()));
        }
        for (String visitor : List.of("p1", "v1", "v2")) {
            grat.recommend(RecommendationRequest.home(visitor, 5)).items()
                    .forEach(p -> lines.add(visitor + ":" + p.id() + "=" + p.score()));
        }
        return lines;
    }

    private static List<Item> items() {
        List<Item> items = new ArrayList<>();
        for (String id : List.of("a", "b", "c", "d", "e", "f")) {
            items.add(new Item(id, "Item " + id, "Women/Shoes", "Brand", new BigDecimal("19.90"), true, Map.of()));
        }
        return items;
    }

    /**
     * A cluster node (the parts {@link ClusterNode} wires) whose Kafka is a producer that hands each record it is
     * sent straight to the node's own follower: at once, on the sending thread, while the publish is under way
     * ({@link #echoAtOnce()}), or later, in order, when the test asks ({@link #deliverDeferredEchoes()}). Sending
     * runs on the writing thread, so with echoes at once the copy is applied before the write's call returns; it
     * then comes without this node's origin, like a copy another node's drainer republished from the outbox (the
     * row is stale at its commit when the transaction took longer than the stale age).
     */
    private final class EchoingNode implements AutoCloseable {
        private final Grat grat;
        private final Follower follower;
        private final List<ConsumerRecord<String, byte[]>> deferred = new ArrayList<>();
        private boolean atOnce;
        private volatile Replica replica;

        EchoingNode() {
            ClusterOptions options = nodes.options();
            int partitions = KafkaSetup.prepareTopic(options);
            PostgresStore shared = PostgresStore.open(nodes.postgres());
            ClusterDatabase database = new ClusterDatabase(nodes.postgres());
            AppliedIds applied = new AppliedIds(10_000);
            String origin = "echoing-node";
            follower = new Follower(options, partitions, applied, new Propagation(1_000), origin);
            Publisher publisher = new Publisher(options, database, origin, new EchoingProducer(), new OnCaller());
            ClusteredStore store = new ClusteredStore(shared, publisher, applied, follower::tallySnapshot, () -> {
                follower.close();
                publisher.close();
                database.close();
            });
            grat = Grat.builder().store(store).cluster(new ClusterLink() {
                        @Override
                        public boolean trainsModels() {
                            return false;
                        }
                    }).clock(clock).retention(TestNodes.RETENTION).retentionEvery(Duration.ZERO)
                    .settings(EngineSettings.defaults().withPopularityRefresh(Duration.ZERO)).build();
            replica = grat.replica();
            applied.replayDone();
        }

        Grat grat() {
            return grat;
        }

        /** From now on, each change comes back while it is published (the records before it first, in order). */
        synchronized void echoAtOnce() {
            deliverDeferredEchoes();
            atOnce = true;
        }

        /** The copies of the node's changes that came back after the writes returned (the usual order). */
        synchronized void deliverDeferredEchoes() {
            deferred.forEach(record -> follower.apply(replica, record));
            deferred.clear();
        }

        private synchronized void echo(ConsumerRecord<String, byte[]> record) {
            if (atOnce) {
                // Unmarked, as a drainer republishes an outbox row: the node tells its own change by its ids alone.
                record.headers().remove(Publisher.ORIGIN);
                follower.apply(replica, record);
            } else {
                deferred.add(record);
            }
        }

        @Override
        public void close() {
            grat.close();
        }

        /** Acknowledges every record at once and echoes it to the node's follower. */
        private final class EchoingProducer extends MockProducer<String, byte[]> {
            private long offset;

            EchoingProducer() {
                super(true, null, new StringSerializer(), new ByteArraySerializer());
            }

            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
                return send(record, null);
            }

            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
                long at = offset++;
                RecordMetadata metadata = new RecordMetadata(new TopicPartition(record.topic(), 0), at, 0, 0, 0, 0);
                if (callback != null) {
                    callback.onCompletion(metadata, null);
                }
                echo(new ConsumerRecord<>(record.topic(), 0, at, 0L, TimestampType.CREATE_TIME, 0, 0, record.key(),
                        record.value(), record.headers(), Optional.empty()));
                return CompletableFuture.completedFuture(metadata);
            }
        }
    }

    /** Runs each task on the calling thread: the write's own thread sends its changes. */
    private static final class OnCaller extends AbstractExecutorService {
        private volatile boolean shutdown;

        @Override
        public void execute(Runnable task) {
            if (shutdown) {
                throw new RejectedExecutionException("shut down");
            }
            task.run();
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
