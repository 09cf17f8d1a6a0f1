package dev.grat.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grat.server.cli.KillLoopClient.Event;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.grat.server.cli.KillLoopClient.BATCH;
import static dev.grat.server.cli.KillLoopClient.VISITORS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * {@code kill -9} of cluster nodes during sustained load, again and again: two {@code grat serve --store
 * jdbc:postgresql://... --kafka ...} processes share a fresh PostgreSQL schema and a Kafka cluster in this JVM;
 * senders post batches to both, and each round one node (alternately) is killed and restarted on the same schema
 * while the other keeps taking load. Afterwards every acknowledged id is stored exactly once, and both nodes answer
 * the home and a product page as a node freshly started on the store does. 3 rounds by default;
 * {@code -Dgrat.kill.rounds=50} for a longer run (docs/BENCHMARKS.md). {@code -Dgrat.kill.anonymous.every=5} makes
 * every fifth event anonymous (counted without an id): 20-round runs so once failed the product page check, since
 * fixed (docs/BENCHMARKS.md).
 *
 * <p>The Kafka cluster has three brokers so that the children run with the production defaults (3 replicas,
 * {@code min.insync.replicas} 2), not lowered with {@code --kafka-replicas} and {@code --kafka-min-insync}.
 */
class ClusterKillLoopTest {

    private static final String POSTGRES = System.getProperty("grat.test.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    private static final String KEY = "sk_cluster_kill_loop_0123456789abcdef";
    private static final int ROUNDS = Integer.getInteger("grat.kill.rounds", 3);
    private static final int ITEMS = 13;
    private static final int SENDERS_PER_NODE = 2;
    /** Every this many events of a batch one is anonymous (0: none); see the class comment. */
    private static final int ANONYMOUS_EVERY = Integer.getInteger("grat.kill.anonymous.every", 0);
    /** Each sender's pause between batches: load a restarting node on a shared 2-core machine can catch up with. */
    private static final long PAUSE_MS = Long.getLong("grat.kill.pause.ms", 100);
    /**
     * Three server JVMs, three brokers and the senders share the machine: the client compiler alone and the serial
     * collector start a child in about half the time, and a bounded heap keeps three of them from crowding memory.
     */
    private static final List<String> CHILD_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m");
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    /**
     * With {@code grat.kill.anonymous.every} some events are from a visitor without consent, kept only as an
     * anonymous hourly count (no id in the store), which still feeds popularity and so the convergence check.
     */
    private final KillLoopClient load = new KillLoopClient(KEY, "ckill", Duration.ofMillis(PAUSE_MS),
            (id, i) -> new Event((id.hashCode() & 0x7fffffff) % ITEMS, anonymous(i)));
    private final String schema = "grat_kill_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(5));
    private final String pseudonymKeys = "k1:"
            + Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
    private final List<ChildServer> children = new ArrayList<>();
    private final long started = System.nanoTime();
    private String kafka;

    @TempDir
    Path dataDirs;

    @TempDir
    Path logs;

    @Test
    void acknowledgedIdsAreStoredOnce_andNodesConverge_afterRepeatedKill9OfClusterNodesUnderLoad() {
        // Generous per round, so that only a hang (a child that never listens, a node that never catches up) trips it.
        assertTimeoutPreemptively(Duration.ofSeconds(300 + 90L * ROUNDS), () -> {
            try (KafkaClusterTestKit brokers = threeBrokers()) {
                kafka = brokers.bootstrapServers();
                phase("kafka up");
                killAndRestartUnderLoad();
            } finally {
                children.forEach(ChildServer::close);
                dropSchema();
            }
        });
    }

    private void killAndRestartUnderLoad() throws Exception {
        Random random = new Random(11);
        ChildServer[] nodes = {serve("a", 0), serve("b", 0)};
        int[] ports = {nodes[0].awaitListening(), nodes[1].awaitListening()};
        phase("nodes listening");
        prepareShop(ports);
        for (int round = 0; round < ROUNDS; round++) {
            killOneUnderLoad(round, nodes, ports, 10 + random.nextInt(30));
        }
        load.resendUnanswered(ports[0]);
        try (ChildServer fresh = serve("fresh", 0)) {
            int freshPort = fresh.awaitListening();
            phase("fresh node listening");
            List<String> stored = load.storedIdList(freshPort);
            assertThat(stored).doesNotHaveDuplicates();
            assertThat(new HashSet<>(stored)).isEqualTo(load.acknowledged());
            assertThat(storedRows()).isEqualTo(load.acknowledged().size());
            assertThat(load.acknowledged()).hasSizeGreaterThanOrEqualTo(ROUNDS * 10 * BATCH / 2);
            phase("ids checked");
            for (int port : ports) {
                awaitSameAnswers(port, freshPort);
            }
            System.out.printf("cluster kill loop: %d rounds of kill -9 (alternating between 2 nodes), %d acknowledged"
                    + " ids, %d stored rows, each id once; both nodes answer as a fresh node (popularity, viewed"
                    + " together)%n", ROUNDS, load.acknowledged().size(), storedRows());
        }
    }

    /**
     * Loads both nodes until {@code batches} are acknowledged, kills one (alternately) and restarts it on the same
     * schema while the other keeps taking load; then the round's senders stop.
     */
    private void killOneUnderLoad(int round, ChildServer[] nodes, int[] ports, int batches) throws Exception {
        AtomicBoolean roundOver = new AtomicBoolean();
        CountDownLatch enough = new CountDownLatch(batches);
        List<Thread> senders = new ArrayList<>();
        for (int port : ports) {
            senders.addAll(load.startSenders(port, SENDERS_PER_NODE, enough, roundOver));
        }
        assertThat(enough.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("round %d got its batches", round)
                .isTrue();
        int victim = round % 2;
        nodes[victim].kill();
        int acknowledgedAtKill = load.acknowledged().size();
        nodes[victim] = serve(victim == 0 ? "a" : "b", round + 1);
        ports[victim] = nodes[victim].awaitListening();
        phase("round " + round + ": killed at " + acknowledgedAtKill + " acknowledged, restarted at "
                + load.acknowledged().size());
        assertThat(storedRows()).as("rows after kill %d", round + 1).isGreaterThanOrEqualTo(acknowledgedAtKill);
        roundOver.set(true);
        for (Thread sender : senders) {
            sender.join();
        }
        assertThat(load.senderFailures()).as("sender failures in round %d", round).isEmpty();
    }

    private void phase(String what) {
        System.out.printf("cluster kill loop: %.1f s %s%n", (System.nanoTime() - started) / 1e9, what);
    }

    private static boolean anonymous(int indexInBatch) {
        return ANONYMOUS_EVERY > 0 && indexInBatch % ANONYMOUS_EVERY == ANONYMOUS_EVERY - 1;
    }

    /** The catalog on both nodes, and consent given on one node and seen by the other before any event is sent. */
    private void prepareShop(int[] ports) throws Exception {
        StringBuilder items = new StringBuilder("{\"items\": [");
        for (int i = 0; i < ITEMS; i++) {
            items.append(i == 0 ? "" : ",").append("""
                    {"id": "item-%d", "title": "Item %d", "category": "Shop/Things", "price": 10.00}"""
                    .formatted(i, i));
        }
        String catalog = items.append("]}").toString();
        for (int port : ports) {
            assertThat(load.request(port, "PUT", "/v1/items", catalog).statusCode()).isEqualTo(200);
        }
        load.grantConsent(ports[0]);
        for (int v = 0; v < VISITORS; v++) {
            String visitor = load.visitor(v);
            await("node b has the consent of " + visitor, () -> load.get(ports[1], "/v1/consent/" + visitor)
                    .path("purposes").path("personalization").booleanValue());
        }
    }

    /**
     * Waits until {@code port} answers the home page (popularity) and a product page (viewed together) as
     * {@code freshPort} does. Scores decay with time, so they are compared to within what a few seconds of decay
     * change; one event more or less changes a score far more, even after 50 rounds.
     */
    private void awaitSameAnswers(int port, int freshPort) throws Exception {
        for (String query : List.of("slot=home", "slot=product&item=item-0")) {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            Map<String, Double> live = scores(port, query);
            Map<String, Double> fresh = scores(freshPort, query);
            while (!sameScores(live, fresh)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("not within " + PATIENCE.toSeconds() + " s: node on port " + port
                            + " answers " + query + " as a fresh node; live " + live + ", fresh " + fresh);
                }
                Thread.sleep(200);
                live = scores(port, query);
                fresh = scores(freshPort, query);
            }
        }
    }

    private static boolean sameScores(Map<String, Double> live, Map<String, Double> fresh) {
        return !live.isEmpty() && live.keySet().equals(fresh.keySet()) && live.keySet().stream()
                .allMatch(id -> Math.abs(live.get(id) - fresh.get(id)) <= 1e-5 * Math.abs(fresh.get(id)));
    }

    /** Item id to score of the recommendations for {@code query}, without a visitor. */
    private Map<String, Double> scores(int port, String query) throws IOException, InterruptedException {
        JsonNode answer = load.get(port, "/v1/recommendations?n=" + ITEMS + "&" + query);
        Map<String, Double> scores = new TreeMap<>();
        answer.path("items").forEach(item -> scores.put(item.path("id").textValue(), item.path("score").doubleValue()));
        return scores;
    }

    /** Rows of the events table: ids are keyed hashes there, so the id check goes through a node's export. */
    private long storedRows() throws SQLException {
        try (Connection connection = DriverManager.getConnection(POSTGRES);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + schema + ".events")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private ChildServer serve(String node, int start) {
        ChildServer child = ChildServer.start(CHILD_JVM,
                Map.of("GRAT_SECRET_KEY", KEY, "GRAT_PSEUDONYM_KEYS", pseudonymKeys),
                logs.resolve(node + "-" + start + ".log"), "serve", "--port", "0",
                "--data", dataDirs.resolve(node).toString(),
                "--store", POSTGRES + "&currentSchema=" + schema, "--kafka", kafka);
        children.add(child);
        return child;
    }

    private static KafkaClusterTestKit threeBrokers() throws Exception {
        KafkaClusterTestKit brokers = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(3).setNumControllerNodes(1).build()).build();
        brokers.format();
        brokers.startup();
        brokers.waitForReadyBrokers();
        return brokers;
    }

    private void dropSchema() throws SQLException {
        try (Connection connection = DriverManager.getConnection(POSTGRES);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + PATIENCE.toSeconds() + " s: " + what);
            }
            Thread.sleep(200);
        }
    }
}
