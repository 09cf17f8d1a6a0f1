package dev.grat.store.sqlite;

import dev.grat.store.sealed.RecordCipher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The key file {@code subject-keys.db} beside {@code grat.db}: the store's hash key and one data key per visitor.
 * It is a separate SQLite file, attached to every connection as schema {@value #SCHEMA}, so that a copy of
 * {@code grat.db} (a backup) holds only ciphertext and keyed hashes: once erasure has destroyed a visitor's key in
 * the live key file, no copy of {@code grat.db} made before opens that visitor's records.
 *
 * <p>The key file carries a random file id that {@code grat.db} records (table {@code key_file}), so that the
 * store refuses to open a database with a key file that is missing or belongs to another database, instead of
 * making new keys that open nothing.
 */
final class KeyFile {

    /** The name of the key file in the data directory. */
    static final String FILE_NAME = "subject-keys.db";
    /** The schema name of the attached key file. */
    static final String SCHEMA = "keys";

    private static final int FILE_ID_BYTES = 16;

    private KeyFile() {
    }

    /**
     * Refuses a {@code grat.db} that already holds encrypted records (schema version 4 or newer) when its key file
     * is missing: without it those records cannot be read, and a new key file would open none of them.
     */
    static void requirePresent(Path keyFile, int databaseVersion, String databaseName) {
        if (databaseVersion >= Schema.ENCRYPTED_VERSION && !Files.exists(keyFile)) {
            throw new SqliteStoreException(databaseName + " holds encrypted personal records, but its key file "
                    + keyFile + " is missing; restore the key file that belongs to it (a backup of grat.db is "
                    + "readable only with the live key file), or start with an empty data directory");
        }
    }

    /** Attaches the key file (creating it if needed) to {@code connection} as {@value #SCHEMA}, in WAL mode. */
    static void attach(Connection connection, Path keyFile, String synchronous) throws SQLException {
        try (PreparedStatement attach = connection.prepareStatement("ATTACH DATABASE ? AS " + SCHEMA)) {
            attach.setString(1, keyFile.toString());
            attach.execute();
        }
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("PRAGMA " + SCHEMA + ".journal_mode = WAL")) {
                String mode = rows.next() ? rows.getString(1) : "unknown";
                if (!"wal".equalsIgnoreCase(mode)) {
                    throw new SqliteStoreException(keyFile + " cannot use write-ahead logging (journal mode is "
                            + mode + "); the data directory must be on a local file system");
                }
            }
            statement.execute("PRAGMA " + SCHEMA + ".secure_delete = ON");
            statement.execute("PRAGMA " + SCHEMA + ".synchronous = " + synchronous);
        }
    }

    /**
     * Creates the key file's tables and secrets if they are missing, on the write connection (in auto-commit mode),
     * and returns the store's keyring.
     */
    static Keyring load(Connection connection, SecureRandom random) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".store_secrets ("
                    + "id INTEGER PRIMARY KEY CHECK (id = 1), hash_key BLOB NOT NULL, file_id BLOB NOT NULL)");
            // The keyed hash of the visitor id finds the visitor's key; erasure deletes the row.
            statement.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".subjects ("
                    + "visitor_hash BLOB PRIMARY KEY, data_key BLOB NOT NULL) WITHOUT ROWID");
        }
        byte[] hashKey = new byte[32];
        byte[] fileId = new byte[FILE_ID_BYTES];
        random.nextBytes(hashKey);
        random.nextBytes(fileId);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + SCHEMA
                + ".store_secrets (id, hash_key, file_id) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING")) {
            insert.setBytes(1, hashKey);
            insert.setBytes(2, fileId);
            insert.executeUpdate();
        }
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT hash_key, file_id FROM " + SCHEMA
                     + ".store_secrets WHERE id = 1")) {
            rows.next();
            return new Keyring(rows.getBytes(1), rows.getBytes(2), new RecordCipher(random));
        }
    }

    /**
     * Removes the records whose key is missing, on the write connection at start-up. SQLite commits the key file
     * after {@code grat.db} (attached WAL databases commit one after the other), so a crash between the two leaves
     * the records of a group whose new keys were lost; that group was never acknowledged, and without this its
     * event ids would count as stored when the client retries. Consent entries become tombstones, so that the
     * ledger's chain still verifies.
     */
    static void dropRecordsWithoutKey(Connection connection) throws SQLException {
        String missing = " NOT IN (SELECT visitor_hash FROM " + SCHEMA + ".subjects)";
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            try {
                // The visitors are found in the index, which is far smaller than the table of sealed events.
                statement.execute("DELETE FROM events WHERE visitor_hash IN (SELECT DISTINCT visitor_hash FROM events "
                        + "INDEXED BY events_by_visitor WHERE visitor_hash" + missing + ")");
                statement.execute("DELETE FROM identity_links WHERE visitor_hash" + missing);
                statement.execute("DELETE FROM declared_preferences WHERE visitor_hash" + missing);
                statement.execute("DELETE FROM dead_letters WHERE visitor_hash IS NOT NULL AND visitor_hash" + missing);
                statement.execute("UPDATE consent_entries SET visitor_hash = NULL, recorded_at = NULL, payload = NULL "
                        + "WHERE visitor_hash IS NOT NULL AND visitor_hash" + missing);
                statement.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                statement.execute("ROLLBACK");
                throw e;
            }
        }
    }
}
