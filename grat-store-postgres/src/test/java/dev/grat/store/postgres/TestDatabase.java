package dev.grat.store.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Random;

/**
 * The PostgreSQL server the tests use (system property {@code grat.test.postgres.url}, by default the one on
 * 127.0.0.1:5432 with trust authentication), and one fresh schema per instance, dropped by {@link #dropSchema()}.
 */
final class TestDatabase {

    static final String URL = System.getProperty("grat.test.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private final String schema;

    TestDatabase() {
        byte[] suffix = new byte[6];
        new Random().nextBytes(suffix);
        schema = "grat_test_" + HexFormat.of().formatHex(suffix);
    }

    String schema() {
        return schema;
    }

    /** Options for a store in this instance's schema; a small pool, as the tests open many stores. */
    PostgresOptions options() {
        return PostgresOptions.of(URL).withSchema(schema).withPoolSize(4);
    }

    /** A plain connection with auto-commit, its search path on this instance's schema. */
    Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(URL);
        execute(connection, "SET search_path TO " + schema);
        return connection;
    }

    void dropSchema() {
        try (Connection connection = DriverManager.getConnection(URL)) {
            execute(connection, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop the test schema " + schema + ": " + e.getMessage(), e);
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static String queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    static long queryLong(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
