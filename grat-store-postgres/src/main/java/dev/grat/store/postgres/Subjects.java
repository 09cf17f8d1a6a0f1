package dev.grat.store.postgres;

import dev.grat.store.sealed.Blinder;
import dev.grat.store.sealed.RecordCipher;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code subjects} table: finds or creates the subject (random id and data key) of each visitor.
 *
 * <p>Writers lock the subjects they use ({@code FOR KEY SHARE}) until their transaction ends, and an erasure locks
 * the subject it deletes ({@code FOR UPDATE}): so a record is never written with a key that an erasure is
 * destroying, and an erasure always sees every record written before it. Subjects are locked in key order, so two
 * writers never wait for each other in a circle.
 */
final class Subjects {

    private static final int ATTEMPTS = 5;
    private static final String LOCK = "SELECT visitor_hash, subject_id, data_key FROM subjects "
            + "WHERE bucket = ANY (?) AND visitor_hash = ANY (?) ORDER BY bucket, visitor_hash FOR KEY SHARE";
    private static final String CREATE = "INSERT INTO subjects (bucket, visitor_hash, subject_id, data_key) "
            + "SELECT b::smallint, h, s, k FROM unnest(?::int[], ?::bytea[], ?::bytea[], ?::bytea[]) AS t(b, h, s, k) "
            + "ON CONFLICT DO NOTHING RETURNING visitor_hash, subject_id, data_key";
    private static final Comparator<byte[]> HASH_ORDER = (a, b) -> {
        int byBucket = Integer.compare(Blinder.bucket(a), Blinder.bucket(b));
        return byBucket != 0 ? byBucket : Arrays.compareUnsigned(a, b);
    };

    private final RecordCipher cipher;

    Subjects(RecordCipher cipher) {
        this.cipher = cipher;
    }

    /** The subjects of the visitors, created where missing, locked against erasure until the transaction ends. */
    Map<String, Subject> acquire(Connection connection, Collection<String> visitorIds, Blinder blinder)
            throws SQLException {
        Map<ByteBuffer, String> wanted = new HashMap<>();
        for (String visitorId : visitorIds) {
            wanted.put(ByteBuffer.wrap(blinder.hash(Blinder.Domain.VISITOR, visitorId)), visitorId);
        }
        Map<String, Subject> found = new HashMap<>();
        for (int attempt = 0; attempt < ATTEMPTS && !wanted.isEmpty(); attempt++) {
            collect(lock(connection, sortedHashes(wanted)), wanted, found);
            if (!wanted.isEmpty()) {
                // A row another writer inserted after this statement's snapshot is skipped here and found next turn.
                collect(create(connection, sortedHashes(wanted)), wanted, found);
            }
        }
        if (!wanted.isEmpty()) {
            throw new PostgresStoreException("could not create or lock the subjects of " + wanted.size()
                    + " visitors: they were erased and created again " + ATTEMPTS + " times meanwhile");
        }
        return found;
    }

    /** The visitor's subject, locked for deletion until the transaction ends; empty if the visitor has none. */
    Optional<Subject> lockForErasure(Connection connection, byte[] visitorHash) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT subject_id, data_key FROM subjects "
                + "WHERE bucket = ? AND visitor_hash = ? FOR UPDATE")) {
            query.setInt(1, Blinder.bucket(visitorHash));
            query.setBytes(2, visitorHash);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(new Subject(rows.getBytes(1), rows.getBytes(2))) : Optional.empty();
            }
        }
    }

    private static List<byte[]> sortedHashes(Map<ByteBuffer, String> wanted) {
        List<byte[]> hashes = new ArrayList<>(wanted.size());
        wanted.keySet().forEach(hash -> hashes.add(hash.array()));
        hashes.sort(HASH_ORDER);
        return hashes;
    }

    private static List<Row> lock(Connection connection, List<byte[]> hashes) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
            lock.setArray(1, connection.createArrayOf("int",
                    hashes.stream().map(Blinder::bucket).distinct().toArray(Integer[]::new)));
            lock.setArray(2, connection.createArrayOf("bytea", hashes.toArray(byte[][]::new)));
            return rows(lock);
        }
    }

    private List<Row> create(Connection connection, List<byte[]> hashes) throws SQLException {
        byte[][] subjectIds = new byte[hashes.size()][];
        byte[][] keys = new byte[hashes.size()][];
        for (int i = 0; i < hashes.size(); i++) {
            subjectIds[i] = cipher.newSubjectId();
            keys[i] = cipher.newKey();
        }
        try (PreparedStatement create = connection.prepareStatement(CREATE)) {
            create.setArray(1, connection.createArrayOf("int",
                    hashes.stream().map(Blinder::bucket).toArray(Integer[]::new)));
            create.setArray(2, connection.createArrayOf("bytea", hashes.toArray(byte[][]::new)));
            create.setArray(3, connection.createArrayOf("bytea", subjectIds));
            create.setArray(4, connection.createArrayOf("bytea", keys));
            return rows(create);
        }
    }

    private static List<Row> rows(PreparedStatement statement) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                rows.add(new Row(result.getBytes(1), new Subject(result.getBytes(2), result.getBytes(3))));
            }
        }
        return rows;
    }

    private static void collect(List<Row> rows, Map<ByteBuffer, String> wanted, Map<String, Subject> found) {
        for (Row row : rows) {
            String visitorId = wanted.remove(ByteBuffer.wrap(row.visitorHash()));
            if (visitorId != null) {
                found.put(visitorId, row.subject());
            }
        }
    }

    private record Row(byte[] visitorHash, Subject subject) {
    }
}
