package dev.grat.server.cli;

import dev.grat.Grat;
import dev.grat.cluster.kafka.ClusterNode;
import dev.grat.cluster.kafka.ClusterOptions;
import dev.grat.server.config.ConfigException;
import dev.grat.server.config.ServerConfig;
import dev.grat.store.Store;
import dev.grat.store.postgres.PostgresOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Cluster mode ({@code --kafka}): the node joins the cluster around the shared PostgreSQL store. */
final class ClusterWiring {

    private ClusterWiring() {
    }

    /**
     * Refuses {@code --kafka} without {@code --store}: the nodes of a cluster share one PostgreSQL database. Refuses
     * the topic's replication settings without {@code --kafka}: they would do nothing, which a reader of the config
     * would not expect.
     */
    static void check(ServerConfig config) {
        if (config.kafka().isPresent() && config.store().isEmpty()) {
            throw new ConfigException("kafka (cluster mode) needs store = jdbc:postgresql://HOST:PORT/DB: every node"
                    + " of a cluster keeps its data in one shared PostgreSQL database, not in its own data directory");
        }
        List<String> replication = new ArrayList<>();
        config.kafkaReplicas().ifPresent(n -> replication.add("kafka.replicas"));
        config.kafkaMinInSync().ifPresent(n -> replication.add("kafka.min.insync"));
        if (config.kafka().isEmpty() && !replication.isEmpty()) {
            throw new ConfigException(String.join(" and ", replication) + (replication.size() == 1 ? " needs" : " need")
                    + " kafka = HOST:PORT (cluster mode): the replication settings are those of cluster mode's Kafka"
                    + " topic, and without kafka this node runs alone");
        }
    }

    /**
     * The warning to log when this node would accept a changes topic replicated less than production needs
     * (3 replicas, {@code min.insync.replicas} 2); empty otherwise, and without {@code kafka}.
     */
    static Optional<String> replicationWarning(ServerConfig config) {
        int replicas = config.requiredReplicas();
        int minInSync = config.requiredMinInSync();
        if (config.kafka().isEmpty() || (replicas >= ServerConfig.DEFAULT_KAFKA_REPLICAS
                && minInSync >= ServerConfig.DEFAULT_KAFKA_MIN_INSYNC)) {
            return Optional.empty();
        }
        // KafkaSetup creates a missing topic with exactly these values and accepts an existing one with at least
        // them, so the topic may be better replicated than this; the warning says what the node lets through.
        return Optional.of("kafka.replicas = " + replicas + ", kafka.min.insync = " + minInSync + ": this node"
                + " accepts (and creates, if missing) a changes topic with as few as " + replicas + " replica(s) and"
                + " min.insync.replicas " + minInSync + ", not replicated enough for production (3 and 2)."
                + " Acknowledged events stay durable in PostgreSQL, but losing a broker can lose changes from the"
                + " stream the other nodes follow: they miss them until they restart and rebuild from PostgreSQL."
                + " For development only");
    }

    /**
     * Opens the node (refusing unsafe Kafka settings), builds the engine on the clustered store, then follows the
     * other nodes from the offsets recorded before the engine rebuilt its memory.
     */
    static Grat join(ServerConfig config, Store shared, Grat.Builder builder) {
        return join(config, shared, builder, UnaryOperator.identity());
    }

    /** As {@link #join(ServerConfig, Store, Grat.Builder)}, with the cluster options changed by {@code adjust}. */
    static Grat join(ServerConfig config, Store shared, Grat.Builder builder, UnaryOperator<ClusterOptions> adjust) {
        ClusterOptions options = ClusterOptions.of(config.kafka().orElseThrow())
                .withReplication(config.requiredReplicas(), config.requiredMinInSync());
        ClusterNode node = ClusterNode.open(adjust.apply(options), PostgresOptions.of(config.store().orElseThrow()),
                shared);
        try {
            Grat grat = builder.store(node.store()).cluster(node).modelRepository(node.models()).build();
            node.follow(grat);
            return grat;
        } catch (RuntimeException e) {
            node.halt();
            throw e;
        }
    }
}
