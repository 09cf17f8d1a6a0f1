package dev.grat.store.sqlite;

import dev.grat.store.sealed.Blinder;
import dev.grat.store.sealed.RecordCipher;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The secrets of one store, from the key file: the key of the identifier hashes, the record cipher, and the
 * visitors' data keys in {@code keys.subjects}. Safe for concurrent use; the key rows are written only on the
 * writer thread, inside its transaction.
 */
final class Keyring {

    private static final String FIND = "SELECT data_key FROM " + KeyFile.SCHEMA + ".subjects WHERE visitor_hash = ?";
    private static final String CREATE = "INSERT INTO " + KeyFile.SCHEMA + ".subjects (visitor_hash, data_key) "
            + "VALUES (?, ?)";

    private final byte[] hashKey;
    private final byte[] fileId;
    private final RecordCipher cipher;

    Keyring(byte[] hashKey, byte[] fileId, RecordCipher cipher) {
        this.hashKey = hashKey;
        this.fileId = fileId;
        this.cipher = cipher;
    }

    /** A new hasher; use it on one thread. */
    Blinder blinder() {
        return new Blinder(hashKey);
    }

    /** The random id of the key file, which {@code grat.db} records to recognise its key file. */
    byte[] fileId() {
        return fileId.clone();
    }

    byte[] seal(Subject subject, RecordCipher.Kind kind, byte[] plaintext) {
        return cipher.seal(subject, kind, plaintext);
    }

    /** Opens a record from a row whose columns from {@code first} on are visitor_hash, data_key and payload. */
    byte[] open(ResultSet rows, int first, RecordCipher.Kind kind) throws SQLException {
        return cipher.open(new Subject(rows.getBytes(first), rows.getBytes(first + 1)), kind, rows.getBytes(first + 2));
    }

    byte[] open(Subject subject, RecordCipher.Kind kind, byte[] sealed) {
        return cipher.open(subject, kind, sealed);
    }

    /** The visitor's subject, if the visitor has a key. */
    Optional<Subject> find(Connection connection, byte[] visitorHash) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(FIND)) {
            query.setBytes(1, visitorHash);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(new Subject(visitorHash, rows.getBytes(1))) : Optional.empty();
            }
        }
    }

    /**
     * The subjects of the visitors, with a new key for each visitor that has none; on the write connection, inside
     * the caller's transaction (the single writer makes find-then-create safe).
     */
    Map<String, Subject> acquire(Connection connection, Collection<String> visitorIds, Blinder blinder)
            throws SQLException {
        Map<String, Subject> subjects = HashMap.newHashMap(visitorIds.size());
        try (PreparedStatement find = connection.prepareStatement(FIND);
             PreparedStatement create = connection.prepareStatement(CREATE)) {
            for (String visitorId : visitorIds) {
                if (!subjects.containsKey(visitorId)) {
                    subjects.put(visitorId, acquire(find, create, blinder.hash(Blinder.Domain.VISITOR, visitorId)));
                }
            }
        }
        return subjects;
    }

    private Subject acquire(PreparedStatement find, PreparedStatement create, byte[] visitorHash)
            throws SQLException {
        find.setBytes(1, visitorHash);
        try (ResultSet rows = find.executeQuery()) {
            if (rows.next()) {
                return new Subject(visitorHash, rows.getBytes(1));
            }
        }
        byte[] key = cipher.newKey();
        create.setBytes(1, visitorHash);
        create.setBytes(2, key);
        create.executeUpdate();
        return new Subject(visitorHash, key);
    }

    /** Deletes the visitor's key inside the erasure's transaction; the erasure then rewrites the key file. */
    static int destroy(Connection connection, byte[] visitorHash) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM " + KeyFile.SCHEMA + ".subjects WHERE visitor_hash = ?")) {
            delete.setBytes(1, visitorHash);
            return delete.executeUpdate();
        }
    }
}
