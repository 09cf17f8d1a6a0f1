package dev.grat.cluster.kafka;

import dev.grat.cluster.Replica;
import dev.grat.event.Event;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads every partition of the topic and applies the changes of other nodes to this node's memory, each once.
 * The start positions are the end offsets read before the node rebuilt its memory from PostgreSQL: whatever was
 * published before them is in the store, so in the rebuild; whatever comes after is applied unless the rebuild
 * already held it: personal events by id ({@link AppliedIds}), anonymous changes by the snapshot of the tallies
 * ({@link TallySnapshot}).
 */
final class Follower implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Follower.class.getName());

    private final Consumer<String, byte[]> consumer;
    private final AppliedIds applied;
    private final Propagation propagation;
    private final ChangeCodec codec = new ChangeCodec();
    private final Map<TopicPartition, Long> start;
    private final String origin;
    private volatile TallySnapshot tallies;
    private volatile Thread thread;
    private volatile boolean running;

    /** Assigns every partition and records where this node's memory will start following: the end offsets now. */
    Follower(ClusterOptions options, int partitions, AppliedIds applied, Propagation propagation, String origin) {
        this.origin = origin;
        this.consumer = new KafkaConsumer<>(KafkaSetup.consumerConfig(options));
        this.applied = applied;
        this.propagation = propagation;
        List<TopicPartition> assigned = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            assigned.add(new TopicPartition(options.topic(), p));
        }
        consumer.assign(assigned);
        this.start = consumer.endOffsets(assigned, Duration.ofSeconds(30));
        start.forEach(consumer::seek);
    }

    /** The offsets this node follows from (recorded before its rebuild). */
    Map<TopicPartition, Long> startOffsets() {
        return start;
    }

    /** The snapshot the engine read the anonymous tallies in at start-up. */
    void tallySnapshot(TallySnapshot snapshot) {
        tallies = snapshot;
    }

    void start(Replica replica) {
        running = true;
        thread = Thread.ofPlatform().name("grat-cluster-follower").daemon(true).start(() -> follow(replica));
    }

    private void follow(Replica replica) {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(replica, record);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the cluster follower stopped; this node no longer sees other nodes' changes", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Applies one record (package-private for tests that deliver records themselves). */
    void apply(Replica replica, ConsumerRecord<String, byte[]> record) {
        try {
            Change change = codec.decode(record.value());
            if (fromHere(record) && counts(change)) {
                // This node counted its own write when it made it. Its ids were claimed before the commit, but an
                // erasure or retention run here frees the ids of the events it removes, whose copy may still be on
                // its way. (A drainer's copy carries no origin; ids and the tally snapshot decide for it.)
                return;
            }
            switch (change) {
                case Change.Events events -> {
                    List<Event> personal = events.personal().stream().filter(e -> applied.claim(e.id())).toList();
                    List<Event> anonymous = inTallies(record) ? List.of()
                            : events.anonymous().stream().filter(e -> applied.claim(e.id())).toList();
                    if (personal.isEmpty() && anonymous.isEmpty()) {
                        return;
                    }
                    replica.applyEvents(personal, anonymous);
                }
                case Change.Consent consent -> {
                    // This node's own consent changes are in its memory already; an echo of an older one arriving
                    // after a newer one (same millisecond) must not turn the visitor's state back.
                    if (!fromHere(record)) {
                        replica.applyConsent(consent.state());
                    }
                }
                case Change.Erasure erasure -> {
                    if (!applied.claim("erasure:" + erasure.erasureId())) {
                        return;
                    }
                    List<Event> held = erasure.events().stream().filter(e -> applied.holds(e.id())).toList();
                    erasure.events().forEach(e -> applied.release(e.id()));
                    replica.applyErasure(erasure.visitorId(), held);
                }
                case Change.Items items -> replica.applyItems(items.items());
                case Change.ExpiredEvents expired -> {
                    // Only events held here, each once (two nodes' retention runs may remove the same event).
                    List<Event> held = expired.events().stream()
                            .filter(e -> applied.holds(e.id()) && applied.claim("expired:" + e.id())).toList();
                    expired.events().forEach(e -> applied.release(e.id()));
                    replica.applyExpired(held, List.of());
                }
                case Change.DeclarationChanged changed -> replica.applyDeclarationChanged(changed.visitorId());
                case Change.ExpiredLinks expired -> {
                    if (applied.claim("links:" + expired.changeId())) {
                        replica.applyExpiredLinks(expired.links());
                    }
                }
                case Change.ExpiredTallies expired -> {
                    if (!inTallies(record) && applied.claim("tallies:" + expired.changeId())) {
                        replica.applyExpired(List.of(), expired.tallies());
                    }
                }
            }
            recordLatency(record);
        } catch (RuntimeException e) {
            // One bad record must not stop the node from following the others.
            LOG.log(Level.WARNING, "could not apply a change from " + record.topic() + "-" + record.partition()
                    + "@" + record.offset() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether the tallies this node read at start-up hold the record's change: its writer's transaction is visible in
     * their snapshot. Without the header (a change written by an older Grat), it is taken to be new.
     */
    private boolean inTallies(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(Publisher.WRITER_XID);
        TallySnapshot snapshot = tallies;
        return header != null && snapshot != null && snapshot.sees(ByteBuffer.wrap(header.value()).getLong());
    }

    /** Whether applying the change twice would count something twice (the others are idempotent). */
    private static boolean counts(Change change) {
        return switch (change) {
            case Change.Events e -> true;
            case Change.Erasure e -> true;
            case Change.ExpiredEvents e -> true;
            case Change.ExpiredTallies e -> true;
            case Change.ExpiredLinks e -> true;
            case Change.Consent c -> false;
            case Change.Items i -> false;
            case Change.DeclarationChanged d -> false;
        };
    }

    private boolean fromHere(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(Publisher.ORIGIN);
        return header != null && origin.equals(new String(header.value(), java.nio.charset.StandardCharsets.UTF_8));
    }

    private void recordLatency(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(Publisher.COMMITTED_AT);
        if (header != null) {
            long committed = ByteBuffer.wrap(header.value()).getLong();
            propagation.record(ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()) - committed);
        }
    }

    @Override
    public void close() {
        running = false;
        Thread t = thread;
        if (t == null) {
            consumer.close(Duration.ofSeconds(5));
            return;
        }
        consumer.wakeup();
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
