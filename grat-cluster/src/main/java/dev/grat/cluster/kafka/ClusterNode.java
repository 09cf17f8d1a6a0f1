package dev.grat.cluster.kafka;

import dev.grat.Grat;
import dev.grat.cluster.ClusterLink;
import dev.grat.cluster.Replica;
import dev.grat.consent.ConsentState;
import dev.grat.recommend.ModelRepository;
import dev.grat.store.Store;
import dev.grat.store.postgres.PostgresOptions;
import dev.grat.store.postgres.PostgresStore;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Grat node of a cluster: PostgreSQL (shared by every node) is the record, Kafka carries each node's changes to
 * the others. Use in this order:
 *
 * <pre>{@code
 * PostgresStore shared = PostgresStore.open(postgresOptions);
 * ClusterNode node = ClusterNode.open(ClusterOptions.of("kafka:9092"), postgresOptions, shared);
 * Grat grat = Grat.builder().store(node.store()).cluster(node).modelRepository(node.models()).build();
 * node.follow(grat);   // closing grat closes the node and the store
 * }</pre>
 *
 * {@link #open} refuses unsafe durability settings and records the Kafka offsets to follow from; the engine then
 * rebuilds its memory from PostgreSQL; {@link #follow} starts applying the other nodes' changes from those offsets.
 */
public final class ClusterNode implements ClusterLink {

    private static final System.Logger LOG = System.getLogger(ClusterNode.class.getName());
    private static final int RECENT_IDS = 200_000;

    private final ClusterOptions options;
    private final ClusterDatabase database;
    private final Publisher publisher;
    private final Follower follower;
    private final Leadership leadership;
    private final PostgresModels models;
    private final AppliedIds applied = new AppliedIds(RECENT_IDS);
    private final Propagation propagation = new Propagation(100_000);
    private final Store shared;
    private final ClusteredStore store;
    private final ScheduledExecutorService chores;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private ClusterNode(ClusterOptions options, PostgresOptions postgres, PostgresStore shared, int partitions) {
        this.options = options;
        this.shared = shared;
        this.database = new ClusterDatabase(postgres);
        try {
            // A new id per start: a restarted node must apply what it published before its crash and lost.
            String origin = java.util.UUID.randomUUID().toString();
            this.publisher = new Publisher(options, database, origin);
            this.follower = new Follower(options, partitions, applied, propagation, origin);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        this.leadership = new Leadership(database);
        leadership.check();
        this.models = new PostgresModels(database);
        this.store = new ClusteredStore(shared, publisher, applied, follower::tallySnapshot, this::stop);
        this.chores = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("grat-cluster-chores").daemon(true).factory());
    }

    /**
     * Joins the cluster: checks the Kafka producer settings and the topic (created if missing), and records the
     * offsets to follow from. Throws {@link ClusterException} naming every unsafe setting.
     *
     * @param shared the PostgreSQL store of {@code postgres}, shared with the other nodes
     */
    public static ClusterNode open(ClusterOptions options, PostgresOptions postgres, Store shared) {
        List<String> unsafe = KafkaSetup.unsafeProducerSettings(KafkaSetup.producerConfig(options));
        if (!unsafe.isEmpty()) {
            throw new ClusterException("refusing to start in cluster mode: " + String.join("; ", unsafe));
        }
        int partitions = KafkaSetup.prepareTopic(options);
        if (!(shared instanceof PostgresStore postgresStore)) {
            // The outbox rows commit in the store's own transactions, so the store must be PostgreSQL's.
            throw new ClusterException("cluster mode needs the nodes' shared PostgreSQL store (a PostgresStore), was "
                    + (shared == null ? "none" : shared.getClass().getSimpleName()));
        }
        return new ClusterNode(options, postgres, postgresStore, partitions);
    }

    /** The store to build the engine on: the shared store, with this node's writes going out to the others. */
    public Store store() {
        return store;
    }

    /** Where the engine keeps its learned model: in PostgreSQL, shared by every node. */
    public ModelRepository models() {
        return models;
    }

    /** Starts applying the other nodes' changes to the engine, from the offsets recorded at {@link #open}. */
    public void follow(Grat grat) {
        Replica replica = grat.replica();
        applied.replayDone();
        follower.start(replica);
        long every = options.pollEvery().toMillis();
        chores.scheduleWithFixedDelay(() -> chore("publishing and leadership", () -> {
            publisher.deletePublished();
            leadership.check();
            if (!leadership.isLeader()) {
                models.newer().ifPresent(replica::useModel);
            }
        }), every, every, TimeUnit.MILLISECONDS);
        chores.scheduleWithFixedDelay(() -> chore("publishing abandoned changes", () -> publisher.drainAbandoned(shared)),
                every, every, TimeUnit.MILLISECONDS);
        chores.schedule(applied::forgetReplay, options.replayWindow().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void chore(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            // A scheduled task that throws never runs again: log and go on at the next tick.
            LOG.log(Level.WARNING, what + " failed: " + e.getMessage());
        }
    }

    /**
     * Nothing to do here: consent recorded on this node goes to the others through the store, with an outbox row
     * in the transaction of its ledger entry ({@link ClusteredStore}), so that a crash cannot separate the two.
     */
    @Override
    public void consentRecorded(ConsentState after) {
    }

    /** Only the node holding the training lock trains in the background. */
    @Override
    public boolean trainsModels() {
        return leadership.isLeader();
    }

    /** Whether this node trains the cluster's model now. */
    public boolean isLeader() {
        return leadership.isLeader();
    }

    /** The version of the shared model this node uses ({@code cluster_models}), -1 before the first. */
    public long modelVersion() {
        return models.versionInUse();
    }

    /** How long other nodes' changes took to be applied here. */
    public Propagation propagation() {
        return propagation;
    }

    /** The offsets per partition this node follows from (the end offsets before its rebuild). */
    public Map<String, Long> startOffsets() {
        return follower.startOffsets().entrySet().stream().collect(java.util.stream.Collectors.toMap(
                e -> e.getKey().toString(), Map.Entry::getValue));
    }

    /** Outbox rows not yet acknowledged by Kafka (of every node). */
    public long pendingChanges() {
        return database.outboxSize();
    }

    /**
     * Stops as a crash would: nothing more is sent, no outbox row deleted, the training lock freed. The engine
     * must still be closed. For tests of recovery.
     */
    public void halt() {
        if (stopped.compareAndSet(false, true)) {
            chores.shutdownNow();
            publisher.abandon();
            follower.close();
            leadership.close();
            database.close();
        }
    }

    private void stop() {
        if (stopped.compareAndSet(false, true)) {
            chores.shutdownNow();
            follower.close();
            publisher.close();
            leadership.close();
            database.close();
        }
    }
}
