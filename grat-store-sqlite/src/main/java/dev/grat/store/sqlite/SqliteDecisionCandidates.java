package dev.grat.store.sqlite;

import dev.grat.decide.bandit.Candidate;
import dev.grat.decide.bandit.Features;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The candidate sets of logged decisions in the table {@code decision_candidates}, each stored once, keyed by its
 * content. A shop sends the same offers for many visitors, and a set of 50 candidates of 100 features is most of a
 * decision's bytes: the row of a decision keeps only the key (16 bytes), and logging a set seen before costs its
 * serialization and a hash, not compression and a 20 KB write.
 *
 * <p>Set format (version 1, then zlib-compressed in the table):
 * <pre>
 * byte 1 · int count · per candidate: string id · int features · per feature: string name · double value
 * </pre>
 * strings are an int length and UTF-8 bytes, numbers big-endian; features in {@link Features}' canonical order, so
 * equal sets serialize to equal bytes. The key is the first 16 bytes of the SHA-256 of those bytes: a collision
 * (which would attach a wrong set to a decision) is out of reach even for a client crafting candidate sets on purpose.
 *
 * <p>A set stays while a decision refers to it; erasure and retention remove the sets no decision refers to any
 * more ({@link #deleteOrphans}).
 */
final class SqliteDecisionCandidates {

    static final String TABLE = """
            CREATE TABLE IF NOT EXISTS decision_candidates (
              seq INTEGER PRIMARY KEY,
              key BLOB NOT NULL UNIQUE,
              body BLOB NOT NULL)""";

    private static final int FORMAT = 1;
    private static final int KEY_BYTES = 16;
    /** Sets whose storage was recently confirmed: only a hint to compress outside the writer thread when needed. */
    private static final int RECENT = 256;

    private final Set<Key> recent = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>(RECENT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
            return size() > RECENT;
        }
    }));

    /** A serialized candidate set, its key, and its compressed body when it may have to be stored. */
    record Prepared(Key key, byte[] raw, byte[] compressed) {

        byte[] body() {
            return compressed != null ? compressed : Zlib.deflate(raw);
        }
    }

    /** A set's key; a record over a copy so that it can live in hash sets. */
    record Key(ByteBuffer bytes) {

        static Key of(byte[] bytes) {
            return new Key(ByteBuffer.wrap(bytes.clone()).asReadOnlyBuffer());
        }

        byte[] toArray() {
            byte[] copy = new byte[bytes.remaining()];
            bytes.duplicate().get(copy);
            return copy;
        }
    }

    /** Serializes and hashes a decision's candidates; compresses them only if the set was not stored lately. */
    Prepared prepare(List<Candidate> candidates) {
        byte[] raw = serialize(candidates);
        Key key = Key.of(Arrays.copyOf(sha256(raw), KEY_BYTES));
        return new Prepared(key, raw, recent.contains(key) ? null : Zlib.deflate(raw));
    }

    /** Inside the writing transaction: stores the set unless it is stored already. */
    void store(Connection connection, Prepared set) throws SQLException {
        byte[] key = set.key().toArray();
        try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM decision_candidates WHERE key = ?")) {
            exists.setBytes(1, key);
            try (ResultSet row = exists.executeQuery()) {
                if (row.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO decision_candidates (key, body) VALUES (?, ?)")) {
            insert.setBytes(1, key);
            insert.setBytes(2, set.body());
            insert.executeUpdate();
        }
    }

    /** After the transaction committed: the set is stored, later decisions with it need not compress it. */
    void stored(Prepared set) {
        recent.add(set.key());
    }

    /** Inside a deleting transaction: removes the sets that no decision refers to any more. */
    void deleteOrphans(Connection connection) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM decision_candidates WHERE NOT EXISTS "
                + "(SELECT 1 FROM decisions WHERE decisions.candidates = decision_candidates.key)")) {
            delete.executeUpdate();
        }
        recent.clear();
    }

    /** The candidates from a stored (compressed) body. */
    static List<Candidate> read(byte[] compressed, String decisionId) {
        ByteBuffer in = ByteBuffer.wrap(Zlib.inflate(compressed, () -> corrupt(decisionId, "the compressed set is damaged")));
        try {
            if (in.get() != FORMAT) {
                throw corrupt(decisionId, "unknown candidate set format " + in.get(0));
            }
            int count = in.getInt();
            List<Candidate> candidates = new ArrayList<>(count);
            String[] names = new String[Candidate.MAX_FEATURES];
            double[] values = new double[Candidate.MAX_FEATURES];
            for (int i = 0; i < count; i++) {
                String id = string(in);
                int size = in.getInt();
                if (size > names.length) {
                    names = new String[size];
                    values = new double[size];
                }
                for (int k = 0; k < size; k++) {
                    names[k] = string(in);
                    values[k] = in.getDouble();
                }
                candidates.add(new Candidate(id, Features.of(names, values, size)));
            }
            return List.copyOf(candidates);
        } catch (RuntimeException e) {
            throw e instanceof SqliteStoreException known ? known : corrupt(decisionId, "the candidate set is cut short or damaged: " + e);
        }
    }

    static byte[] serialize(List<Candidate> candidates) {
        int featureCount = 0;
        for (Candidate candidate : candidates) {
            featureCount += candidate.features().size();
        }
        // Sized for names of about 12 bytes, so that a typical set is written without growing the buffer.
        Bytes out = new Bytes(64 + candidates.size() * 32 + featureCount * 24);
        out.put((byte) FORMAT);
        out.putInt(candidates.size());
        for (Candidate candidate : candidates) {
            out.putString(candidate.id());
            Features features = candidate.features();
            out.putInt(features.size());
            for (int k = 0; k < features.size(); k++) {
                out.putString(features.name(k));
                out.putDouble(features.value(k));
            }
        }
        return out.toArray();
    }

    /** A string as {@link Bytes#putString} wrote it. */
    static String string(ByteBuffer in) {
        int length = in.getInt();
        String text = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return text;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static SqliteStoreException corrupt(String decisionId, String problem) {
        return new SqliteStoreException("the candidate set of decision " + decisionId + ": " + problem);
    }

    /** A growing big-endian byte buffer: one bounds check per value instead of a stream call per byte. */
    static final class Bytes {

        private ByteBuffer buffer;

        Bytes(int capacity) {
            buffer = ByteBuffer.allocate(capacity);
        }

        void put(byte value) {
            room(1).put(value);
        }

        void putInt(int value) {
            room(4).putInt(value);
        }

        void putLong(long value) {
            room(8).putLong(value);
        }

        void putDouble(double value) {
            room(8).putDouble(value);
        }

        void putString(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            room(4 + utf8.length).putInt(utf8.length).put(utf8);
        }

        byte[] toArray() {
            return Arrays.copyOf(buffer.array(), buffer.position());
        }

        private ByteBuffer room(int bytes) {
            if (buffer.remaining() < bytes) {
                ByteBuffer larger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + bytes));
                larger.put(buffer.array(), 0, buffer.position());
                buffer = larger;
            }
            return buffer;
        }
    }
}
