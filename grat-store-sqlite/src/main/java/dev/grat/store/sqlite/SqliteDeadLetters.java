package dev.grat.store.sqlite;

import dev.grat.store.DeadLetter;
import dev.grat.store.DeadLetterStore;

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
 * then rewrites the file) and retention's scrub reach them too. The table is created when the store opens
 * ({@code IF NOT EXISTS}), so a data directory of before dead letters gains it without a migration.
 */
final class SqliteDeadLetters implements DeadLetterStore {

    // AUTOINCREMENT: an id is never given twice, even after the highest letters were removed, so that a client
    // paging with afterId never skips a new letter.
    private static final List<String> TABLE = List.of("""
            CREATE TABLE IF NOT EXISTS dead_letters (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              received_at INTEGER NOT NULL,
              kind TEXT NOT NULL,
              reason TEXT NOT NULL,
              visitor_id TEXT,
              gpc INTEGER NOT NULL,
              truncated INTEGER NOT NULL,
              payload TEXT NOT NULL)""",
            "CREATE INDEX IF NOT EXISTS dead_letters_by_visitor ON dead_letters (visitor_id) WHERE visitor_id IS NOT NULL",
            "CREATE INDEX IF NOT EXISTS dead_letters_by_time ON dead_letters (received_at)");
    private static final String SELECT = "SELECT id, received_at, kind, reason, visitor_id, gpc, truncated, payload "
            + "FROM dead_letters ";

    private final GroupCommitWriter writer;
    private final ReadPool reads;

    private SqliteDeadLetters(GroupCommitWriter writer, ReadPool reads) {
        this.writer = writer;
        this.reads = reads;
    }

    /** The dead letters of an open store's database, creating the table if needed. */
    static SqliteDeadLetters open(GroupCommitWriter writer, ReadPool reads) {
        writer.write("creating the dead letter table", 1, c -> {
            try (Statement statement = c.createStatement()) {
                for (String ddl : TABLE) {
                    statement.execute(ddl);
                }
            }
            return null;
        });
        return new SqliteDeadLetters(writer, reads);
    }

    /** Deletes the visitor's letters inside the store's erasure transaction. */
    static int deleteOfVisitor(Connection connection, String visitorId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM dead_letters WHERE visitor_id = ?")) {
            delete.setString(1, visitorId);
            return delete.executeUpdate();
        }
    }

    @Override
    public List<DeadLetter> add(List<DeadLetter> letters) {
        List<DeadLetter> copy = List.copyOf(letters);
        if (copy.isEmpty()) {
            return List.of();
        }
        return writer.write("keeping dead letters", copy.size(), c -> {
            List<DeadLetter> stored = new ArrayList<>(copy.size());
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO dead_letters (received_at, kind, reason,"
                    + " visitor_id, gpc, truncated, payload) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
                for (DeadLetter letter : copy) {
                    insert.setLong(1, letter.receivedAt().toEpochMilli());
                    insert.setString(2, letter.kind().wireName());
                    insert.setString(3, letter.reason());
                    insert.setString(4, letter.visitorId());
                    insert.setInt(5, letter.globalPrivacyControl() ? 1 : 0);
                    insert.setInt(6, letter.truncated() ? 1 : 0);
                    insert.setString(7, letter.payload());
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
            try (PreparedStatement query = c.prepareStatement(SELECT + "WHERE id > ? ORDER BY id LIMIT ?")) {
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
                try (PreparedStatement query = c.prepareStatement(SELECT + "WHERE id = ?")) {
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

    @Override
    public void updateReasons(Map<Long, String> reasons) {
        Map<Long, String> copy = Map.copyOf(reasons);
        writer.write("updating dead letter reasons", Math.max(1, copy.size()), c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE dead_letters SET reason = ? WHERE id = ?")) {
                for (Map.Entry<Long, String> entry : copy.entrySet()) {
                    update.setString(1, entry.getValue());
                    update.setLong(2, entry.getKey());
                    update.executeUpdate();
                }
            }
            return null;
        });
    }

    /**
     * Deletes the visitor's letters; secure_delete zeroes their cells. {@code Store#eraseVisitor} also rewrites the
     * file, which this alone does not.
     */
    @Override
    public int eraseVisitor(String visitorId) {
        Objects.requireNonNull(visitorId, "visitorId");
        return writer.write("erasing a visitor's dead letters", 1, c -> deleteOfVisitor(c, visitorId));
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

    private static List<DeadLetter> letters(PreparedStatement query) throws SQLException {
        List<DeadLetter> letters = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                letters.add(new DeadLetter(rows.getLong(1), Instant.ofEpochMilli(rows.getLong(2)),
                        DeadLetter.Kind.fromWire(rows.getString(3)), rows.getString(4), rows.getString(5),
                        rows.getInt(6) == 1, rows.getInt(7) == 1, rows.getString(8)));
            }
        }
        return letters;
    }
}
