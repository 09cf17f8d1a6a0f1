package dev.grat.cluster.kafka;

import dev.grat.catalog.Item;
import dev.grat.consent.ConsentState;
import dev.grat.event.Event;
import dev.grat.store.IngestBatch;
import dev.grat.store.Store;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends this node's changes to Kafka through the outbox: a change is written to {@code cluster_outbox} in the
 * transaction of the store write it describes, sent after it on a thread of its own (a request never waits for Kafka), and its row
 * deleted once Kafka acknowledged every record of it. Rows left behind (a crash, Kafka unreachable) are published
 * by {@link #drainAbandoned} on whichever node gets to them first.
 */
final class Publisher implements AutoCloseable {

    static final String COMMITTED_AT = "grat-committed-at-micros";
    static final String ORIGIN = "grat-origin";
    /** The id of the PostgreSQL transaction that wrote the change (8 bytes); see {@link TallySnapshot}. */
    static final String WRITER_XID = "grat-writer-xid";
    private static final System.Logger LOG = System.getLogger(Publisher.class.getName());
    private static final int QUEUE = 10_000;

    private final ClusterOptions options;
    private final ClusterDatabase database;
    private final byte[] origin;
    private final ChangeCodec codec = new ChangeCodec();
    private final Producer<String, byte[]> producer;
    private final ExecutorService sender;
    private final Queue<Long> published = new ConcurrentLinkedQueue<>();

    Publisher(ClusterOptions options, ClusterDatabase database, String origin) {
        // Bounded: when Kafka is slow or away the queue fills, and changes wait in the outbox instead of in memory.
        this(options, database, origin, new KafkaProducer<>(KafkaSetup.producerConfig(options)),
                new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE),
                        Thread.ofPlatform().name("grat-cluster-sender").daemon(true).factory(),
                        new ThreadPoolExecutor.DiscardPolicy()));
    }

    /** With the producer and the sender thread given: tests force interleavings of sending with the caller. */
    Publisher(ClusterOptions options, ClusterDatabase database, String origin, Producer<String, byte[]> producer,
              ExecutorService sender) {
        this.options = options;
        this.origin = origin.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        this.database = database;
        this.producer = producer;
        this.sender = sender;
    }

    /** The changes of one store write as one outbox row's payload. */
    byte[] payload(List<Change> changes) {
        return codec.encodeAll(changes);
    }

    /** Sends the changes of a row whose store write is done, and deletes the row once Kafka has them all. */
    void send(ClusterDatabase.Written row, List<Change> changes) {
        long committedAt = nowMicros();
        try {
            sender.execute(() -> sendNow(row, changes, committedAt));
        } catch (RejectedExecutionException e) {
            // closing: the row stays in the outbox and is published by the next node to drain it
        }
    }

    private void sendNow(ClusterDatabase.Written row, List<Change> changes, long committedAt) {
        if (changes.isEmpty()) {
            published.add(row.id());
            return;
        }
        AtomicInteger remaining = new AtomicInteger(changes.size());
        AtomicBoolean failed = new AtomicBoolean();
        for (Change change : changes) {
            try {
                producer.send(record(change, row.writerXid(), committedAt, true), (metadata, error) -> {
                    if (error != null) {
                        failed.set(true);
                        LOG.log(Level.WARNING, "could not publish a change (it stays in the outbox): " + error.getMessage());
                    }
                    if (remaining.decrementAndGet() == 0 && !failed.get()) {
                        published.add(row.id());
                    }
                });
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not publish a change (it stays in the outbox): " + e.getMessage());
                return;
            }
        }
    }

    private ProducerRecord<String, byte[]> record(Change change, long writerXid, long committedAtMicros,
                                                  boolean ownChange) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(options.topic(), change.key(), codec.encode(change));
        record.headers().add(COMMITTED_AT, ByteBuffer.allocate(Long.BYTES).putLong(committedAtMicros).array());
        record.headers().add(WRITER_XID, ByteBuffer.allocate(Long.BYTES).putLong(writerXid).array());
        if (ownChange) {
            record.headers().add(ORIGIN, origin);
        }
        return record;
    }

    /** Deletes the rows whose changes Kafka acknowledged. */
    void deletePublished() {
        List<Long> rows = new ArrayList<>();
        for (Long row = published.poll(); row != null; row = published.poll()) {
            rows.add(row);
        }
        if (!rows.isEmpty()) {
            database.deleteFromOutbox(rows);
        }
    }

    /**
     * Publishes rows older than the stale age: a node crashed between its store write (the row commits with it) and
     * Kafka's acknowledgement, or Kafka was away. Each change goes out as the store holds it now: personal events only
     * as far as they are still stored (not erased or expired since), a consent state as the visitor's newest ledger
     * entry, catalog items as stored now; an erasure is run again (its key partition rewritten again). Returns how
     * many rows were published.
     */
    int drainAbandoned(Store store) {
        return database.drainAbandoned(options.outboxStaleAfter(), 100, row -> {
            try {
                for (Change change : codec.decodeAll(row.payload())) {
                    Change redone = redo(change, store);
                    if (redone != null) {
                        // Not marked as this node's: the change is another node's (or this node's before a restart), and this
                        // node must apply it too.
                        producer.send(record(redone, row.writerXid(), nowMicros(), false)).get(30, TimeUnit.SECONDS);
                    }
                }
                return true;
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.log(Level.WARNING, "could not publish an abandoned change; retrying later: " + e.getMessage());
                return false;
            }
        });
    }

    private static Change redo(Change change, Store store) {
        return switch (change) {
            case Change.Events events -> {
                List<Event> personal = List.of();
                if (!events.personal().isEmpty()) {
                    Set<String> stored = new HashSet<>();
                    store.events().eventsOf(events.visitorId()).forEach(e -> stored.add(e.id()));
                    personal = events.personal().stream().filter(e -> stored.contains(e.id())).toList();
                }
                yield personal.isEmpty() && events.anonymous().isEmpty() ? null
                        : new Change.Events(events.visitorId(), personal, events.anonymous());
            }
            case Change.Erasure erasure -> {
                store.eraseVisitor(erasure.visitorId());
                yield erasure;
            }
            case Change.Items items -> {
                // A newer write of the same items may be applied everywhere already: send what is stored now.
                Set<String> ids = new HashSet<>();
                items.items().forEach(item -> ids.add(item.id()));
                List<Item> current = new ArrayList<>();
                store.catalog().forEach(item -> {
                    if (ids.contains(item.id())) {
                        current.add(item);
                    }
                });
                yield current.isEmpty() ? null : new Change.Items(current);
            }
            case Change.Consent consent -> store.consents().latestOf(consent.key())
                    .map(latest -> (Change) new Change.Consent(ConsentState.of(latest.entry()))).orElse(null);
            case Change.ExpiredEvents expired -> expired;
            case Change.ExpiredTallies expired -> expired;
            case Change.DeclarationChanged changed -> changed;
            case Change.ExpiredLinks expired -> expired;
        };
    }

    /** A commit's events as changes: one per visitor, so that each is keyed (and ordered) by its visitor. */
    static List<Change> split(IngestBatch batch) {
        List<Change> changes = new ArrayList<>();
        byVisitor(batch.personal()).forEach((visitor, events) -> changes.add(new Change.Events(visitor, events, List.of())));
        if (!batch.anonymous().isEmpty()) {
            changes.add(new Change.Events(null, List.of(), batch.anonymous()));
        }
        return changes;
    }

    /** Events grouped by visitor, in their order. */
    static Map<String, List<Event>> byVisitor(List<Event> events) {
        Map<String, List<Event>> byVisitor = new LinkedHashMap<>();
        events.forEach(e -> byVisitor.computeIfAbsent(e.visitorId(), v -> new ArrayList<>()).add(e));
        return byVisitor;
    }

    private static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
        try {
            deletePublished();
        } catch (RuntimeException e) {
            // the rows stay and are published again; consumers skip what they have
            LOG.log(Level.DEBUG, "could not delete published outbox rows at close: " + e.getMessage());
        }
    }

    /** Stops at once, as a crash would: nothing more is sent or deleted. For tests of recovery. */
    void abandon() {
        sender.shutdownNow();
        producer.close(Duration.ZERO);
    }
}
