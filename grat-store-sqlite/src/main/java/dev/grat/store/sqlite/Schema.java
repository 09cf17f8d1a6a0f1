package dev.grat.store.sqlite;

import dev.grat.consent.ConsentChain;
import dev.grat.consent.ConsentEntry;
import dev.grat.consent.LedgerLink;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/**
 * The tables of {@code grat.db}. The schema version lives in SQLite's {@code user_version}, so a later
 * release adds a migration step from the version it finds.
 *
 * <ul>
 *   <li>Version 1: events, tallies, the consent ledger, items, identity links, content slots.</li>
 *   <li>Version 2: the consent ledger becomes a hash chain ({@code previous_hash}, {@code hash}, {@code salt},
 *       the notice hash, objection and restriction; personal columns nullable for tombstones), with its head in
 *       {@code consent_head} and notice texts in {@code consent_notices}. Existing entries are chained in
 *       sequence order and renumbered without gaps (version 1 deleted erased rows).</li>
 *   <li>Version 3: declared preferences ({@code declared_preferences}, one row per visitor, the declaration as
 *       JSON) and an index of identity links by time, for retention.</li>
 *   <li>Version 4: personal records sealed with per-visitor keys kept in the key file ({@link SealingMigration},
 *       {@link KeyFile}); {@code key_file} records which key file belongs to the database.</li>
 * </ul>
 */
final class Schema {

    static final int CURRENT_VERSION = 4;
    /** The first version whose personal records are sealed and need the key file. */
    static final int ENCRYPTED_VERSION = 4;

    // Money, line items, properties, attributes and content variants are JSON text; times are epoch milliseconds.
    // Nullable key parts of tallies are stored as '' so that the primary key can sum them (NULLs never collide);
    // the hour leads the key so that the tallies being counted now sit together on a few pages.
    // Package-private for the migration test, which builds a version-1 database.
    static final List<String> VERSION_1 = List.of(
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

    // Personal columns are nullable: an erased visitor's rows keep only seq, previous_hash and hash.
    private static final List<String> VERSION_2 = List.of(
            "DROP INDEX consent_by_visitor",
            "ALTER TABLE consent_entries RENAME TO consent_entries_v1",
            """
            CREATE TABLE consent_entries (
              seq INTEGER PRIMARY KEY,
              previous_hash TEXT NOT NULL,
              hash TEXT NOT NULL,
              salt TEXT,
              visitor_id TEXT,
              granted TEXT,
              recorded_at INTEGER,
              source TEXT,
              policy_version TEXT,
              global_privacy_control INTEGER,
              notice_hash TEXT,
              objected INTEGER,
              restricted INTEGER)""",
            "CREATE INDEX consent_by_visitor ON consent_entries (visitor_id, recorded_at)",
            """
            CREATE TABLE consent_head (
              id INTEGER PRIMARY KEY CHECK (id = 1),
              seq INTEGER NOT NULL,
              previous_hash TEXT NOT NULL,
              hash TEXT NOT NULL)""",
            "CREATE TABLE consent_notices (hash TEXT PRIMARY KEY, text TEXT NOT NULL) WITHOUT ROWID");

    // One row per visitor: a correction replaces it (secure_delete zeroes the old cells).
    private static final List<String> VERSION_3 = List.of(
            """
            CREATE TABLE declared_preferences (
              visitor_id TEXT PRIMARY KEY,
              declared_at INTEGER NOT NULL,
              source TEXT NOT NULL,
              preferences TEXT NOT NULL) WITHOUT ROWID""",
            "CREATE INDEX declared_by_time ON declared_preferences (declared_at)",
            "CREATE INDEX links_by_time ON identity_links (linked_at)");

    private Schema() {
    }

    /**
     * Creates the tables of a new database, or checks that an existing one is a version this code can read and
     * migrates it. Returns true when rows written in clear by an earlier version were sealed: their old bytes
     * must then be scrubbed from the file.
     */
    static boolean migrate(Connection connection, String databaseName, Keyring keyring) throws SQLException {
        int version = userVersion(connection);
        if (version > CURRENT_VERSION) {
            throw new SqliteStoreException(databaseName + " has schema version " + version
                    + ", newer than this Grat supports (" + CURRENT_VERSION + "); use a newer Grat release");
        }
        if (version == CURRENT_VERSION) {
            requireOwnKeyFile(connection, keyring, databaseName);
            return false;
        }
        if (version > 0) {
            SealingMigration.createKeys(connection, keyring, version);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            try {
                if (version < 1) {
                    execute(statement, VERSION_1);
                }
                if (version < 2) {
                    execute(statement, VERSION_2);
                    chainVersion1Entries(connection);
                }
                if (version < 3) {
                    execute(statement, VERSION_3);
                }
                SealingMigration.seal(connection, keyring);
                statement.execute("PRAGMA user_version = " + CURRENT_VERSION);
                statement.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                statement.execute("ROLLBACK");
                throw e;
            }
        }
        return version > 0;
    }

    /** A key file made for another database (or made anew) opens none of this database's records. */
    private static void requireOwnKeyFile(Connection connection, Keyring keyring, String databaseName)
            throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT file_id FROM key_file WHERE id = 1")) {
            if (!rows.next() || !java.util.Arrays.equals(rows.getBytes(1), keyring.fileId())) {
                throw new SqliteStoreException("the key file " + KeyFile.FILE_NAME + " beside " + databaseName
                        + " belongs to another database, so it opens none of its records; restore the key file "
                        + "that was made with this database");
            }
        }
    }

    private static void execute(Statement statement, List<String> ddl) throws SQLException {
        for (String sql : ddl) {
            statement.execute(sql);
        }
    }

    /** Appends the version-1 entries, in their order, to the new chained ledger, each with a fresh salt. */
    private static void chainVersion1Entries(Connection connection) throws SQLException {
        JsonColumns json = new JsonColumns();
        SecureRandom salts = new SecureRandom();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT visitor_id, granted, recorded_at, source, "
                     + "policy_version, global_privacy_control FROM consent_entries_v1 ORDER BY seq")) {
            while (rows.next()) {
                ConsentEntry entry = new ConsentEntry(rows.getString(1),
                        json.purposes(rows.getString(2), "consent_entries.granted"),
                        Instant.ofEpochMilli(rows.getLong(3)), rows.getString(4), rows.getString(5), rows.getBoolean(6));
                appendVersion2(connection, json, entry, ConsentChain.newSalt(salts));
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE consent_entries_v1");
        }
    }

    /** Appends to the ledger of schema version 2 (plain columns), which version 4 then seals. */
    private static void appendVersion2(Connection connection, JsonColumns json, ConsentEntry entry, String salt)
            throws SQLException {
        LedgerLink link = ConsentChain.next(SqliteConsents.readHead(connection).orElse(null), salt, entry);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO consent_entries (seq, "
                + "previous_hash, hash, salt, visitor_id, granted, recorded_at, source, policy_version, "
                + "global_privacy_control, notice_hash, objected, restricted) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, link.sequence());
            insert.setString(2, link.previousHash());
            insert.setString(3, link.hash());
            insert.setString(4, salt);
            insert.setString(5, entry.visitorId());
            insert.setString(6, json.purposes(entry.granted()));
            insert.setLong(7, entry.recordedAt().toEpochMilli());
            insert.setString(8, entry.source());
            insert.setString(9, entry.policyVersion());
            insert.setBoolean(10, entry.globalPrivacyControl());
            insert.setString(11, entry.noticeHash());
            insert.setBoolean(12, entry.objected());
            insert.setBoolean(13, entry.restricted());
            insert.executeUpdate();
        }
        try (PreparedStatement head = connection.prepareStatement(
                "INSERT OR REPLACE INTO consent_head (id, seq, previous_hash, hash) VALUES (1, ?, ?, ?)")) {
            head.setLong(1, link.sequence());
            head.setString(2, link.previousHash());
            head.setString(3, link.hash());
            head.executeUpdate();
        }
    }

    static int userVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
