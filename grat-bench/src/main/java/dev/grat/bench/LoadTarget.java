package dev.grat.bench;

import dev.grat.cluster.kafka.ClusterOptions;
import dev.grat.cluster.kafka.EmbeddedKafka;
import dev.grat.store.Store;
import dev.grat.store.postgres.PostgresOptions;
import dev.grat.store.postgres.PostgresStore;
import dev.grat.store.sqlite.SqliteStore;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where the load's data lives: a temporary data directory (the embedded store) or a fresh PostgreSQL schema, and in
 * cluster mode a Kafka broker in this JVM (KRaft, one combined node: grat-cluster's {@link EmbeddedKafka}) with a
 * fresh topic. {@link #close()} stops the broker and deletes the data.
 */
final class LoadTarget implements AutoCloseable {

    /**
     * Kafka's broker logs every partition and segment at INFO, the pool and Flyway every start and stop of each
     * node's store; the benchmark's output is its results (warnings and errors still show).
     */
    private static final String[] QUIET = {"kafka", "org.apache.kafka", "state.change.logger", "com.zaxxer.hikari",
        "org.flywaydb"};

    private final Path dataDir;
    private final String jdbcUrl;
    private final String schema;
    private final EmbeddedKafka kafka;
    // Held so that the levels set on them are not lost with a collected logger.
    private final Logger[] quieted;

    private LoadTarget(Path dataDir, String jdbcUrl, String schema, EmbeddedKafka kafka, Logger[] quieted) {
        this.dataDir = dataDir;
        this.jdbcUrl = jdbcUrl;
        this.schema = schema;
        this.kafka = kafka;
        this.quieted = quieted;
    }

    static LoadTarget open(LoadOptions options, PrintStream out) {
        Logger[] quieted = quietLibraries();
        if (options.store().isEmpty()) {
            try {
                return new LoadTarget(Files.createTempDirectory("grat-load-"), null, null, null, quieted);
            } catch (IOException e) {
                throw new IllegalStateException("cannot create a temporary data directory", e);
            }
        }
        String schema = "grat_load_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
        out.println("setup: PostgreSQL schema " + schema + " (dropped at the end)");
        if (options.nodes() == 1) {
            return new LoadTarget(null, options.store().get(), schema, null, quieted);
        }
        long start = System.nanoTime();
        try {
            EmbeddedKafka kafka = new EmbeddedKafka();
            out.printf(java.util.Locale.ROOT, "setup: Kafka broker (KRaft) in this JVM at %s in %.1f s, topic grat.%s%n",
                    kafka.bootstrapServers(), BenchEngine.seconds(start), schema);
            return new LoadTarget(null, options.store().get(), schema, kafka, quieted);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the in-process Kafka broker: " + e.getMessage(), e);
        }
    }

    private static Logger[] quietLibraries() {
        Logger[] loggers = new Logger[QUIET.length];
        for (int i = 0; i < QUIET.length; i++) {
            loggers[i] = Logger.getLogger(QUIET[i]);
            loggers[i].setLevel(Level.WARNING);
        }
        return loggers;
    }

    /** A store on this target's data: one per node, and one more for the check after the run. */
    Store openStore() {
        return jdbcUrl == null ? SqliteStore.open(dataDir) : PostgresStore.open(postgres());
    }

    PostgresOptions postgres() {
        return PostgresOptions.of(jdbcUrl).withSchema(schema);
    }

    /**
     * The cluster's settings, or empty for a single node: a fresh topic per run, and replication 1 because the
     * broker is one node (accepted only because it is asked for here; production demands 3 and 2 in sync).
     */
    Optional<ClusterOptions> cluster() {
        return Optional.ofNullable(kafka).map(broker -> ClusterOptions.of(broker.bootstrapServers())
                .withTopic("grat." + schema).withReplication(1, 1).withPollEvery(Duration.ofMillis(200)));
    }

    @Override
    public void close() {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the in-process Kafka broker", e);
        } finally {
            deleteData();
        }
    }

    private void deleteData() {
        if (schema != null) {
            try (Connection connection = DriverManager.getConnection(jdbcUrl);
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop the load schema " + schema, e);
            }
            return;
        }
        try (var files = Files.walk(dataDir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete " + dataDir, e);
        }
    }
}
