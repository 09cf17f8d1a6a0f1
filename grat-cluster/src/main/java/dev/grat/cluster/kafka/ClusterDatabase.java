package dev.grat.cluster.kafka;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.grat.store.postgres.PostgresOptions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cluster's tables in the store's schema (created by the store's migration {@code V3}): the outbox and the
 * models. A small pool of its own, so that publishing never waits for the store's connections.
 */
final class ClusterDatabase implements AutoCloseable {

    /** One abandoned outbox row, with the transaction that wrote it. */
    record Row(long id, byte[] payload, long writerXid) {
    }

    /** An outbox row just written: its id, and the id of the transaction writing it (and the store write). */
    record Written(long id, long writerXid) {
    }

    /** Work on a connection, in one transaction. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final HikariDataSource pool;
    private final String description;
    private final String schema;

    ClusterDatabase(PostgresOptions options) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("grat-cluster-" + options.schema());
        config.setJdbcUrl(options.jdbcUrl());
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        config.setAutoCommit(false);
        config.setSchema(options.schema());
        config.addDataSourceProperty("ApplicationName", "grat-cluster");
        this.pool = new HikariDataSource(config);
        this.schema = options.schema();
        this.description = options.maskedUrl() + " (schema " + options.schema() + ")";
    }

    /**
     * Writes one outbox row on {@code connection}, inside the transaction of the store write it describes (so both
     * commit or neither).
     */
    static Written addToOutbox(Connection connection, byte[] payload) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO cluster_outbox (payload) VALUES (?) RETURNING id, writer_xid::text")) {
            insert.setBytes(1, payload);
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                return new Written(rows.getLong(1), Long.parseLong(rows.getString(2)));
            }
        }
    }

    /** The snapshot of the transaction on {@code connection} (REPEATABLE READ: the one its reads see). */
    static TallySnapshot snapshot(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT pg_current_snapshot()::text");
             ResultSet rows = select.executeQuery()) {
            rows.next();
            return TallySnapshot.parse(rows.getString(1));
        }
    }

    void deleteFromOutbox(List<Long> ids) {
        transaction("deleting published outbox rows", c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM cluster_outbox WHERE id = ANY(?)")) {
                delete.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                return delete.executeUpdate();
            }
        });
    }

    /**
     * Hands rows older than {@code age} to {@code publish}, locked so that no other node publishes them at the same
     * time, and deletes each row that {@code publish} returned true for. Returns how many were published.
     */
    int drainAbandoned(Duration age, int limit, java.util.function.Predicate<Row> publish) {
        return transaction("publishing abandoned outbox rows", c -> {
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT id, payload, writer_xid::text FROM cluster_outbox "
                    + "WHERE created_at < now() - make_interval(secs => ?) ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
                select.setDouble(1, age.toMillis() / 1000.0);
                select.setInt(2, limit);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        rows.add(new Row(result.getLong(1), result.getBytes(2), Long.parseLong(result.getString(3))));
                    }
                }
            }
            List<Long> done = new ArrayList<>();
            for (Row row : rows) {
                if (!publish.test(row)) {
                    break;
                }
                done.add(row.id());
            }
            if (!done.isEmpty()) {
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM cluster_outbox WHERE id = ANY(?)")) {
                    delete.setArray(1, c.createArrayOf("bigint", done.toArray()));
                    delete.executeUpdate();
                }
            }
            return done.size();
        });
    }

    long outboxSize() {
        return transaction("counting the outbox", c -> {
            try (PreparedStatement count = c.prepareStatement("SELECT count(*) FROM cluster_outbox");
                 ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    /** Keeps a new model version and drops the older ones; returns the new version. */
    long saveModel(byte[] model) {
        return transaction("saving the model", c -> {
            long version;
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO cluster_models (model) VALUES (?) RETURNING version")) {
                insert.setBytes(1, model);
                try (ResultSet rows = insert.executeQuery()) {
                    rows.next();
                    version = rows.getLong(1);
                }
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM cluster_models WHERE version < ?")) {
                delete.setLong(1, version);
                delete.executeUpdate();
            }
            return version;
        });
    }

    /** The newest model version, if any. */
    Optional<Long> newestModelVersion() {
        return transaction("reading the model version", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT max(version) FROM cluster_models");
                 ResultSet rows = select.executeQuery()) {
                rows.next();
                long version = rows.getLong(1);
                return rows.wasNull() ? Optional.empty() : Optional.of(version);
            }
        });
    }

    /** The newest model with its version, if any. */
    Optional<Versioned> newestModel() {
        return transaction("loading the model", c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT version, model FROM cluster_models ORDER BY version DESC LIMIT 1");
                 ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(new Versioned(rows.getLong(1), rows.getBytes(2))) : Optional.empty();
            }
        });
    }

    /** A model's bytes with its version. */
    record Versioned(long version, byte[] bytes) {
    }

    /** A connection of its own (outside the pool), for a session-level advisory lock. */
    Connection dedicatedConnection() throws SQLException {
        Connection connection = java.sql.DriverManager.getConnection(pool.getJdbcUrl());
        connection.setAutoCommit(true);
        return connection;
    }

    /** The schema of the store, which names the cluster (several installations may share one database). */
    String schema() {
        return schema;
    }

    private <T> T transaction(String what, Work<T> work) {
        try (Connection connection = pool.getConnection()) {
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new ClusterException(what + " failed on " + description + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
