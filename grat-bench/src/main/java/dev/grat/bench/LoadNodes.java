package dev.grat.bench;

import dev.grat.EngineStats;
import dev.grat.Grat;
import dev.grat.cluster.kafka.ClusterNode;
import dev.grat.cluster.kafka.ClusterOptions;
import dev.grat.cluster.kafka.Propagation;
import dev.grat.recommend.ModelSettings;
import dev.grat.server.config.Admission;
import dev.grat.server.config.RateLimits;
import dev.grat.server.config.ServerConfig;
import dev.grat.server.http.GratServer;
import dev.grat.store.Store;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The Grat nodes under load, each a real {@link GratServer} on its own free port: one node, or two in cluster mode
 * wired as {@code ./grat serve --store ... --kafka ...} wires them (the shared PostgreSQL store, the node's outbox
 * and follower). Closing stops the servers, then the engines (which close their cluster node and store).
 */
final class LoadNodes implements AutoCloseable {

    /** One node: its engine, its server and, in cluster mode, its membership. */
    record Node(Grat grat, GratServer server, Optional<ClusterNode> cluster) {

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.port());
        }
    }

    private final List<Node> nodes;

    private LoadNodes(List<Node> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /** Starts {@code count} nodes on {@code target}, each answering to the secret {@code key}. */
    static LoadNodes start(LoadTarget target, int count, String key) {
        List<Node> started = new ArrayList<>();
        try {
            for (int n = 0; n < count; n++) {
                started.add(startNode(target, key));
            }
            return new LoadNodes(started);
        } catch (RuntimeException e) {
            new LoadNodes(started).close();
            throw e;
        }
    }

    private static Node startNode(LoadTarget target, String key) {
        Store store = target.openStore();
        Grat.Builder builder = Grat.builder().models(ModelSettings.onDemand());
        Optional<ClusterOptions> cluster = target.cluster();
        ClusterNode node = null;
        Grat grat;
        try {
            if (cluster.isPresent()) {
                node = ClusterNode.open(cluster.get(), target.postgres(), store);
                grat = builder.store(node.store()).cluster(node).modelRepository(node.models()).build();
                node.follow(grat);
            } else {
                grat = builder.store(store).build();
            }
        } catch (RuntimeException e) {
            if (node != null) {
                node.halt();
            }
            store.close();
            throw e;
        }
        try {
            GratServer server = GratServer.start(grat, ServerConfig.builder().port(0).secretKey(key)
                    .logLevel(ServerConfig.LogLevel.WARN).rateLimits(RateLimits.off())
                    .admission(Admission.defaults()).build());
            return new Node(grat, server, Optional.ofNullable(node));
        } catch (RuntimeException e) {
            grat.close();
            throw e;
        }
    }

    Node first() {
        return nodes.getFirst();
    }

    List<URI> uris() {
        return nodes.stream().map(Node::uri).toList();
    }

    int size() {
        return nodes.size();
    }

    /**
     * Waits until every node holds the first node's catalog and consents (they reach the others through Kafka), so
     * that no event of a consenting visitor is taken for an anonymous one on a node that has not heard yet.
     */
    void awaitSetUp(PrintStream out, Duration patience) {
        if (nodes.size() == 1) {
            return;
        }
        long start = System.nanoTime();
        EngineStats expected = first().grat().stats();
        await("the catalog and consents to reach every node", patience, () -> nodes.stream().allMatch(node -> {
            EngineStats stats = node.grat().stats();
            return stats.items() >= expected.items() && stats.consentingVisitors() >= expected.consentingVisitors();
        }));
        out.printf(Locale.ROOT, "setup: the catalog and consents reached the other node in %.1f s%n",
                BenchEngine.seconds(start));
    }

    /**
     * In cluster mode, waits until the outbox is empty (each node's chore deletes the rows Kafka acknowledged); prints
     * how long that took after the last answer: an upper bound of the publishing lag at the end of the run.
     */
    void awaitOutboxEmpty(PrintStream out, Duration patience) {
        Optional<ClusterNode> cluster = first().cluster();
        if (cluster.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        await("the outbox to be empty", patience, () -> cluster.get().pendingChanges() == 0);
        out.printf(Locale.ROOT, "cluster: outbox empty %.1f s after the last answer (published rows are deleted by"
                + " each node's chore)%n", BenchEngine.seconds(start));
    }

    /** How long other nodes' changes took to be applied on each node (the last 100,000 per node). */
    void printPropagation(PrintStream out) {
        for (int n = 0; n < nodes.size(); n++) {
            Optional<ClusterNode> cluster = nodes.get(n).cluster();
            if (cluster.isPresent()) {
                Propagation.Snapshot snapshot = cluster.get().propagation().snapshot();
                out.printf(Locale.ROOT, "RESULT load propagation to node %c (commit on the other node to applied"
                                + " here): p50 %.1f ms · p99 %.1f ms · max %.1f ms (last %,d changes)%n", 'A' + n,
                        snapshot.p50Millis(), snapshot.p99Millis(), snapshot.maxMillis(), snapshot.samples());
            }
        }
    }

    private static void await(String what, Duration patience, BooleanSupplier condition) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + patience.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    @Override
    public void close() {
        for (Node node : nodes.reversed()) {
            node.server().close();
        }
        for (Node node : nodes.reversed()) {
            node.grat().close();
        }
    }
}
