package dev.grat.server.cli;

import dev.grat.Grat;
import dev.grat.cluster.kafka.ClusterNode;
import dev.grat.cluster.kafka.ClusterOptions;
import dev.grat.server.config.ConfigException;
import dev.grat.server.config.ServerConfig;
import dev.grat.store.Store;
import dev.grat.store.postgres.PostgresOptions;

import java.util.function.UnaryOperator;

/** Cluster mode ({@code --kafka}): the node joins the cluster around the shared PostgreSQL store. */
final class ClusterWiring {

    private ClusterWiring() {
    }

    /** Refuses {@code --kafka} without {@code --store}: the nodes of a cluster share one PostgreSQL database. */
    static void check(ServerConfig config) {
        if (config.kafka().isPresent() && config.store().isEmpty()) {
            throw new ConfigException("kafka (cluster mode) needs store = jdbc:postgresql://HOST:PORT/DB: every node"
                    + " of a cluster keeps its data in one shared PostgreSQL database, not in its own data directory");
        }
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
        ClusterNode node = ClusterNode.open(adjust.apply(ClusterOptions.of(config.kafka().orElseThrow())),
                PostgresOptions.of(config.store().orElseThrow()), shared);
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
