package dev.grat.store.sqlite;

import dev.grat.store.DeadLetter;
import dev.grat.store.DeadLetterStore;
import dev.grat.store.sealed.Blinder;
import dev.grat.store.sealed.RecordCipher;
import dev.grat.store.sealed.RecordCodec;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Dead letters in the table {@code dead_letters} of the store's database: the same file, writer thread and read
 * connections as the events, so that the store's erasure (which deletes a visitor's letters in its transaction,
 * then rewrites the file) and retention's scrub reach them too.
 *
 * <p>A letter that names a visitor keeps its record (visitor id, reason, payload) sealed with the visitor's key, and
 * the visitor only as a keyed hash, like every other personal record: once erasure has destroyed the key, a copy of
 * {@code grat.db} made before opens none of it. A letter that names nobody keeps the same record in clear. Time,
 * kind and flags stay clear, for retention and listing. The table is created when the store opens
 * ({@code IF NOT EXISTS}); a table of an earlier release, with the visitor id and payload in clear, is sealed then
 * ({@link #prepare}).
 */
final class SqliteDeadLetters implements DeadLetterStore {

    // AUTOINCREMENT: an id is never given twice, even after the highest letters were removed, so that a client
    // paging with afterId never skips a new letter.
    private static final List<String> TABLE = List.of("""
            CREATE TABLE IF NOT EXISTS dead_letters (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              received_at INTEGER NOT NULL,
              kind TEXT NOT NULL,
              gpc INTEGER NOT NULL,
              truncated INTEGER NOT NULL,
              visitor_hash BLOB,
              record BLOB NOT NULL)""",
            "CREATE INDEX IF NOT EXISTS dead_letters_by_visitor ON dead_letters (visitor_hash) "
                    + "WHERE visitor_hash IS NOT NULL",
            "CREATE INDEX IF NOT EXISTS dead_letters_by_time ON dead_letters (received_at)");
    private static final String INSERT = "INSERT INTO dead_letters (received_at, kind, gpc, truncated, visitor_hash, "
            + "record) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String INSERT_WITH_ID = "INSERT INTO dead_letters (received_at, kind, gpc, truncated, "
            + "visitor_hash, record, id) VALUES (?, ?, ?, ?, ?, ?, ?)";

    /** Columns from 1: visitor hash, data key, record ({@link Keyring#open}), id, received_at, kind, gpc, truncated. */
    private static final String SELECT = "SELECT d.visitor_hash, k.data_key, d.record, d.id, d.received_at, d.kind, "
            + "d.gpc, d.truncated FROM dead_letters d LEFT JOIN " + KeyFile.SCHEMA + ".subjects k "
            + "ON k.visitor_hash = d.visitor_hash "
            // A letter whose key is gone was erased: nothing of it can be read.
            + "WHERE (d.visitor_hash IS NULL OR k.data_key IS NOT NULL) ";

    private final GroupCommitWriter writer;
    private final ReadPool reads;
    private final Keyring keyring;

    SqliteDeadLetters(GroupCommitWriter writer, ReadPool reads, Keyring keyring) {
        this.writer = writer;
        this.reads = reads;
        this.keyring = keyring;
    }

    /**
     * Creates the table, or seals the table of an earlier release (visitor id and payload in clear); on the write
     * connection in auto-commit mode, at open. Returns true when letters were sealed: their clear bytes must then be
     * scrubbed from the file.
     */
    static boolean prepare(Connection connection, Keyring keyring) throws SQLException {
        boolean clearTable = hasClearTable(connection);
        List<String> visitorIds = clearTable ? createKeys(connection, keyring) : List.of();
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            try {
                boolean sealed = clearTable && sealClearTable(connection, keyring, visitorIds);
                for (String ddl : TABLE) {
                    statement.execute(ddl);
                }
                statement.execute("COMMIT");
                return sealed;
            } catch (SQLException | RuntimeException e) {
                statement.execute("ROLLBACK");
                throw e;
            }
        }
    }

    private static boolean hasClearTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT 1 FROM pragma_table_info('dead_letters') WHERE name = 'visitor_id'")) {
            return rows.next();
        }
    }

    /**
     * Commits the keys of the letters' visitors to the key file before any letter is sealed
     * ({@link SealingMigration#commitKeys}). Returns the visitors.
     */
    private static List<String> createKeys(Connection connection, Keyring keyring) throws SQLException {
        List<String> visitorIds = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT DISTINCT visitor_id FROM dead_letters WHERE visitor_id IS NOT NULL")) {
            while (rows.next()) {
                visitorIds.add(rows.getString(1));
            }
        }
        if (visitorIds.isEmpty()) {
            return visitorIds;
        }
        SealingMigration.commitKeys(connection, keyring, visitorIds);
        return visitorIds;
    }

    /**
     * Replaces the clear table by a sealed one with the same ids, inside the caller's transaction, and returns
     * whether any letter was sealed.
     */
    private static boolean sealClearTable(Connection connection, Keyring keyring, List<String> visitorIds)
            throws SQLException {
        Long lastId = lastId(connection);
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP INDEX IF EXISTS dead_letters_by_visitor");
            statement.execute("DROP INDEX IF EXISTS dead_letters_by_time");
            statement.execute("ALTER TABLE dead_letters RENAME TO dead_letters_clear");
            for (String ddl : TABLE) {
                statement.execute(ddl);
            }
        }
        boolean sealed = false;
        Map<String, Subject> subjects = keyring.acquire(connection, visitorIds, keyring.blinder());
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id, received_at, kind, reason, visitor_id, gpc, "
                     + "truncated, payload FROM dead_letters_clear ORDER BY id");
             PreparedStatement insert = connection.prepareStatement(INSERT_WITH_ID)) {
            while (rows.next()) {
                DeadLetter letter = clearLetter(rows);
                Subject subject = letter.visitorId() == null ? null : subjects.get(letter.visitorId());
                insert.setLong(7, letter.id());
                bind(insert, keyring, subject, letter);
                insert.executeUpdate();
                sealed |= subject != null;
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE dead_letters_clear");
        }
        if (lastId != null) {
            keepLastId(connection, lastId);
        }
        return sealed;
    }

    /** A row of the clear table, or an error that names it. */
    private static DeadLetter clearLetter(ResultSet rows) throws SQLException {
        try {
            return new DeadLetter(rows.getLong(1), Instant.ofEpochMilli(rows.getLong(2)),
                    DeadLetter.Kind.fromWire(rows.getString(3)), rows.getString(4), rows.getString(5),
                    rows.getInt(6) == 1, rows.getInt(7) == 1, rows.getString(8));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SqliteStoreException("dead letter " + rows.getLong(1) + " cannot be read, so it cannot be "
                    + "sealed: " + e.getMessage() + "; remove it (DELETE FROM dead_letters WHERE id = "
                    + rows.getLong(1) + ") and open the store again", e);
        }
    }

    /** The highest id AUTOINCREMENT ever gave, which may belong to a letter removed since. */
    private static Long lastId(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT seq FROM sqlite_sequence WHERE name = 'dead_letters'")) {
            return rows.next() ? rows.getLong(1) : null;
        }
    }

    /** Carries the old table's highest id over, so that no id is given twice. */
    private static void keepLastId(Connection connection, long lastId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'dead_letters'")) {
            update.setLong(1, lastId);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO sqlite_sequence (name, seq) VALUES ('dead_letters', ?)")) {
            insert.setLong(1, lastId);
            insert.executeUpdate();
        }
    }

    /** Deletes the visitor's letters inside the store's erasure transaction. */
    static int deleteOfVisitor(Connection connection, byte[] visitorHash) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM dead_letters WHERE visitor_hash = ?")) {
            delete.setBytes(1, visitorHash);
            return delete.executeUpdate();
        }
    }

    /** Binds parameters 1 to 6 of {@link #INSERT}: the letter, sealed when it has a subject. */
    private static void bind(PreparedStatement insert, Keyring keyring, Subject subject, DeadLetter letter)
            throws SQLException {
        insert.setLong(1, letter.receivedAt().toEpochMilli());
        insert.setString(2, letter.kind().wireName());
        insert.setInt(3, letter.globalPrivacyControl() ? 1 : 0);
        insert.setInt(4, letter.truncated() ? 1 : 0);
        insert.setBytes(5, subject == null ? null : subject.visitorHash());
        insert.setBytes(6, seal(keyring, subject, letter));
    }

    /** Keys are acquired on the writer connection inside the write, like those of events. */
    @Override
    public List<DeadLetter> add(List<DeadLetter> letters) {
        List<DeadLetter> copy = List.copyOf(letters);
        if (copy.isEmpty()) {
            return List.of();
        }
        return writer.write("keeping dead letters", copy.size(), c -> {
            List<String> visitors = copy.stream().map(DeadLetter::visitorId).filter(Objects::nonNull).distinct()
                    .toList();
            Map<String, Subject> subjects = visitors.isEmpty() ? Map.of()
                    : keyring.acquire(c, visitors, keyring.blinder());
            List<DeadLetter> stored = new ArrayList<>(copy.size());
            try (PreparedStatement insert = c.prepareStatement(INSERT + " RETURNING id")) {
                for (DeadLetter letter : copy) {
                    bind(insert, keyring, letter.visitorId() == null ? null : subjects.get(letter.visitorId()),
                            letter);
                    try (ResultSet id = insert.executeQuery()) {
                        id.next();
                        stored.add(letter.withId(id.getLong(1)));
                    }
                }
            }
            return stored;
        });
    }

    @Override
    public List<DeadLetter> list(long afterId, int limit) {
        return reads.read("listing dead letters", c -> {
            try (PreparedStatement query = c.prepareStatement(SELECT + "AND d.id > ? ORDER BY d.id LIMIT ?")) {
                query.setLong(1, afterId);
                query.setInt(2, limit);
                return letters(query);
            }
        });
    }

    @Override
    public List<DeadLetter> get(Collection<Long> ids) {
        List<DeadLetter> found = new ArrayList<>();
        for (Long id : new TreeSet<>(ids)) {
            found.addAll(reads.read("reading a dead letter", c -> {
                try (PreparedStatement query = c.prepareStatement(SELECT + "AND d.id = ?")) {
                    query.setLong(1, id);
                    return letters(query);
                }
            }));
        }
        return found;
    }

    @Override
    public int remove(Collection<Long> ids) {
        List<Long> copy = List.copyOf(new TreeSet<>(ids));
        return writer.write("removing replayed dead letters", Math.max(1, copy.size()), c -> {
            int removed = 0;
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM dead_letters WHERE id = ?")) {
                for (long id : copy) {
                    delete.setLong(1, id);
                    removed += delete.executeUpdate();
                }
            }
            return removed;
        });
    }

    /** Opens each letter and seals it again with the new reason (the reason is part of the sealed record). */
    @Override
    public void updateReasons(Map<Long, String> reasons) {
        Map<Long, String> copy = Map.copyOf(reasons);
        writer.write("updating dead letter reasons", Math.max(1, copy.size()), c -> {
            try (PreparedStatement query = c.prepareStatement(SELECT + "AND d.id = ?");
                 PreparedStatement update = c.prepareStatement("UPDATE dead_letters SET record = ? WHERE id = ?")) {
                for (Map.Entry<Long, String> entry : copy.entrySet()) {
                    query.setLong(1, entry.getKey());
                    try (ResultSet rows = query.executeQuery()) {
                        if (rows.next()) {
                            DeadLetter letter = letter(rows).withReason(entry.getValue());
                            update.setBytes(1, seal(keyring, subject(rows), letter));
                            update.setLong(2, entry.getKey());
                            update.executeUpdate();
                        }
                    }
                }
            }
            return null;
        });
    }

    /**
     * Deletes the visitor's letters; secure_delete zeroes their cells. {@code Store#eraseVisitor} also destroys the
     * visitor's key and rewrites the file, which this alone does not.
     */
    @Override
    public int eraseVisitor(String visitorId) {
        Objects.requireNonNull(visitorId, "visitorId");
        byte[] visitorHash = keyring.blinder().hash(Blinder.Domain.VISITOR, visitorId);
        return writer.write("erasing a visitor's dead letters", 1, c -> deleteOfVisitor(c, visitorHash));
    }

    @Override
    public int eraseBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return writer.write("expiring dead letters", 1, c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM dead_letters WHERE received_at < ?")) {
                delete.setLong(1, cutoff.toEpochMilli());
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public long count() {
        return reads.read("counting dead letters", c -> {
            try (Statement statement = c.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) FROM dead_letters")) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    private List<DeadLetter> letters(PreparedStatement query) throws SQLException {
        List<DeadLetter> letters = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                letters.add(letter(rows));
            }
        }
        return letters;
    }

    /** The visitor's subject of a {@link #SELECT} row, or null for a letter that names nobody. */
    private static Subject subject(ResultSet rows) throws SQLException {
        byte[] visitorHash = rows.getBytes(1);
        return visitorHash == null ? null : new Subject(visitorHash, rows.getBytes(2));
    }

    /** The letter of a {@link #SELECT} row. */
    private DeadLetter letter(ResultSet rows) throws SQLException {
        Subject subject = subject(rows);
        byte[] stored = rows.getBytes(3);
        byte[] record = subject == null ? stored : keyring.open(subject, RecordCipher.Kind.DEAD_LETTER, stored);
        RecordCodec.DeadLetterText text = RecordCodec.deadLetter(record);
        return new DeadLetter(rows.getLong(4), Instant.ofEpochMilli(rows.getLong(5)),
                DeadLetter.Kind.fromWire(rows.getString(6)), text.reason(), text.visitorId(), rows.getInt(7) == 1,
                rows.getInt(8) == 1, text.payload());
    }

    private static byte[] seal(Keyring keyring, Subject subject, DeadLetter letter) {
        byte[] record = RecordCodec.deadLetter(letter);
        return subject == null ? record : keyring.seal(subject, RecordCipher.Kind.DEAD_LETTER, record);
    }
}
