package dev.grat.store.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The tables of {@code grat.db}. The schema version lives in SQLite's {@code user_version}, so a later
 * release adds a migration step from the version it finds.
 */
final class Schema {

    static final int CURRENT_VERSION = 1;

    // Money, line items, properties, attributes and content variants are JSON text; times are epoch milliseconds.
    // Nullable key parts of tallies are stored as '' so that the primary key can sum them (NULLs never collide);
    // the hour leads the key so that the tallies being counted now sit together on a few pages.
    private static final List<String> VERSION_1 = List.of(
            """
            CREATE TABLE events (
              seq INTEGER PRIMARY KEY,
              id TEXT NOT NULL UNIQUE,
              type TEXT NOT NULL,
              visitor_id TEXT NOT NULL,
              customer_id TEXT,
              channel TEXT NOT NULL,
              ts INTEGER NOT NULL,
              item_id TEXT,
              category_id TEXT,
              query TEXT,
              items TEXT,
              currency TEXT,
              decision_id TEXT,
              properties TEXT)""",
            "CREATE INDEX events_by_time ON events (ts)",
            "CREATE INDEX events_by_visitor ON events (visitor_id, ts)",
            "CREATE TABLE anonymous_ids (id TEXT PRIMARY KEY, received_day INTEGER NOT NULL) WITHOUT ROWID",
            """
            CREATE TABLE anonymous_tallies (
              type TEXT NOT NULL,
              item_id TEXT NOT NULL,
              category_id TEXT NOT NULL,
              hour INTEGER NOT NULL,
              count INTEGER NOT NULL,
              PRIMARY KEY (hour, type, item_id, category_id)) WITHOUT ROWID""",
            """
            CREATE TABLE consent_entries (
              seq INTEGER PRIMARY KEY,
              visitor_id TEXT NOT NULL,
              granted TEXT NOT NULL,
              recorded_at INTEGER NOT NULL,
              source TEXT,
              policy_version TEXT,
              global_privacy_control INTEGER NOT NULL)""",
            "CREATE INDEX consent_by_visitor ON consent_entries (visitor_id, recorded_at)",
            """
            CREATE TABLE items (
              id TEXT PRIMARY KEY,
              title TEXT,
              category TEXT,
              brand TEXT,
              price TEXT,
              available INTEGER NOT NULL,
              attributes TEXT) WITHOUT ROWID""",
            """
            CREATE TABLE identity_links (
              seq INTEGER PRIMARY KEY,
              customer_id TEXT NOT NULL,
              visitor_id TEXT NOT NULL,
              linked_at INTEGER NOT NULL,
              UNIQUE (customer_id, visitor_id))""",
            "CREATE INDEX links_by_visitor ON identity_links (visitor_id)",
            "CREATE TABLE content_slots (seq INTEGER PRIMARY KEY, slot TEXT NOT NULL UNIQUE, variants TEXT NOT NULL)");

    private Schema() {
    }

    /** Creates the tables of a new database, or checks that an existing one is a version this code can read. */
    static void migrate(Connection connection, String databaseName) throws SQLException {
        int version = userVersion(connection);
        if (version > CURRENT_VERSION) {
            throw new SqliteStoreException(databaseName + " has schema version " + version
                    + ", newer than this Grat supports (" + CURRENT_VERSION + "); use a newer Grat release");
        }
        if (version == 0) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("BEGIN IMMEDIATE");
                for (String ddl : VERSION_1) {
                    statement.execute(ddl);
                }
                statement.execute("PRAGMA user_version = " + CURRENT_VERSION);
                statement.execute("COMMIT");
            }
        }
    }

    private static int userVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
