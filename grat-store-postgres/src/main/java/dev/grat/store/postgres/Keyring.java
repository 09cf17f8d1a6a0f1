package dev.grat.store.postgres;

import dev.grat.store.sealed.Blinder;
import dev.grat.store.sealed.RecordCipher;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The secrets of one store: the key of the identifier hashes (read from {@code store_secrets}), the record cipher
 * and the subjects. Shared by the store's parts; safe for concurrent use.
 */
final class Keyring {

    private final byte[] hashKey;
    private final RecordCipher cipher;
    private final Subjects subjects;

    private Keyring(byte[] hashKey, RecordCipher cipher) {
        this.hashKey = hashKey;
        this.cipher = cipher;
        this.subjects = new Subjects(cipher);
    }

    /** Reads the store's hash key, creating it when the schema is new. */
    static Keyring load(Database database, SecureRandom random) {
        byte[] candidate = new byte[32];
        random.nextBytes(candidate);
        byte[] hashKey = database.write("reading the store's hash key", c -> {
            try (var insert = c.prepareStatement(
                    "INSERT INTO store_secrets (id, hash_key) VALUES (1, ?) ON CONFLICT (id) DO NOTHING")) {
                insert.setBytes(1, candidate);
                insert.executeUpdate();
            }
            try (var query = c.prepareStatement("SELECT hash_key FROM store_secrets WHERE id = 1");
                 ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getBytes(1);
            }
        });
        return new Keyring(hashKey, new RecordCipher(random));
    }

    /** A new hasher; use it on one thread. */
    Blinder blinder() {
        return new Blinder(hashKey);
    }

    RecordCipher cipher() {
        return cipher;
    }

    Subjects subjects() {
        return subjects;
    }

    /** Opens a record from a row whose first three columns are subject_id, data_key and payload. */
    byte[] open(ResultSet rows, RecordCipher.Kind kind) throws SQLException {
        return cipher.open(new Subject(rows.getBytes(1), rows.getBytes(2)), kind, rows.getBytes(3));
    }
}
