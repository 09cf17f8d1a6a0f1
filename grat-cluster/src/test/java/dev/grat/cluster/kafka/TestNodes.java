package dev.grat.cluster.kafka;

import dev.grat.EngineSettings;
import dev.grat.Grat;
import dev.grat.privacy.retention.RetentionPeriods;
import dev.grat.store.postgres.PostgresOptions;
import dev.grat.store.postgres.PostgresStore;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Nodes of one test cluster: a fresh PostgreSQL schema (dropped by {@link #close()}) and a fresh topic on the
 * embedded broker, shared by every node started here.
 */
final class TestNodes implements AutoCloseable {

    static final String URL = System.getProperty("grat.test.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    static final RetentionPeriods RETENTION = RetentionPeriods.defaults().withAllEvents(Duration.ofDays(30))
            .withAnonymousTallies(Duration.ofDays(30)).withIdentityLinks(Duration.ofDays(60))
            .withDeclaredPreferences(Duration.ofDays(60));

    /** One running node. */
    record Node(Grat grat, ClusterNode cluster) {
    }

    private final String schema;
    private final ClusterOptions options;
    private final Clock clock;
    private final List<Node> nodes = new ArrayList<>();

    TestNodes(String bootstrapServers, Clock clock) {
        byte[] suffix = new byte[6];
        new Random().nextBytes(suffix);
        this.schema = "grat_test_" + HexFormat.of().formatHex(suffix);
        this.clock = clock;
        // One broker: replication 1 is accepted only because the test says so.
        this.options = ClusterOptions.of(bootstrapServers).withTopic("grat." + schema).withPartitions(3)
                .withReplication(1, 1).withPollEvery(Duration.ofMillis(200))
                .withOutboxStaleAfter(Duration.ofSeconds(2));
    }

    ClusterOptions options() {
        return options;
    }

    PostgresOptions postgres() {
        return PostgresOptions.of(URL).withSchema(schema).withPoolSize(4);
    }

    Node start() {
        PostgresStore shared = PostgresStore.open(postgres());
        ClusterNode cluster = ClusterNode.open(options, postgres(), shared);
        // Retention runs only when a test asks for it; events older than 30 days expire then, links and
        // declarations older than 60 days.
        // An exact popularity ranking: the tests compare the nodes' scores right after they converged.
        Grat grat = Grat.builder().store(cluster.store()).cluster(cluster).modelRepository(cluster.models())
                .clock(clock).retention(RETENTION).retentionEvery(Duration.ZERO)
                .settings(EngineSettings.defaults().withPopularityRefresh(Duration.ZERO)).build();
        cluster.follow(grat);
        Node node = new Node(grat, cluster);
        nodes.add(node);
        return node;
    }

    /** Stops the node as a crash would: nothing more published, no outbox row cleaned up, no lock kept. */
    void crash(Node node) {
        node.cluster().halt();
        node.grat().close();
    }

    long queryLong(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL); Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + schema);
            var rows = statement.executeQuery(sql);
            rows.next();
            return rows.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        for (Node node : nodes) {
            node.grat().close();
        }
        try (Connection connection = DriverManager.getConnection(URL); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
