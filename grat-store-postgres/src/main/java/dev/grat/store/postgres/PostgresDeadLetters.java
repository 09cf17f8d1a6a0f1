package dev.grat.store.postgres;

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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Dead letters in the table {@code dead_letters}. A letter that names a visitor keeps its record (visitor id, reason,
 * payload) sealed with the visitor's key under the visitor's subject id, like every other personal record, so that
 * erasure (which deletes the letters in its transaction and destroys the key) leaves nothing readable. A letter that
 * names nobody is kept in the clear.
 */
final class PostgresDeadLetters implements DeadLetterStore {

    private static final String SELECT = "SELECT d.subject_id, s.data_key, d.record, d.id, d.received_at, d.kind, "
            + "d.gpc, d.truncated FROM dead_letters d LEFT JOIN subjects s ON s.subject_id = d.subject_id ";

    private final Database database;
    private final Keyring keyring;

    PostgresDeadLetters(Database database, Keyring keyring) {
        this.database = database;
        this.keyring = keyring;
    }

    /** Deletes the subject's letters inside the store's erasure transaction. */
    static int deleteOfSubject(Connection connection, byte[] subjectId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM dead_letters WHERE subject_id = ?")) {
            delete.setBytes(1, subjectId);
            return delete.executeUpdate();
        }
    }

    @Override
    public List<DeadLetter> add(List<DeadLetter> letters) {
        List<DeadLetter> copy = List.copyOf(letters);
        if (copy.isEmpty()) {
            return List.of();
        }
        return database.write("keeping dead letters", c -> {
            Set<String> visitors = new java.util.HashSet<>();
            copy.stream().map(DeadLetter::visitorId).filter(Objects::nonNull).forEach(visitors::add);
            Map<String, Subject> subjects = visitors.isEmpty() ? Map.of()
                    : keyring.subjects().acquire(c, visitors, keyring.blinder());
            List<DeadLetter> stored = new ArrayList<>(copy.size());
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO dead_letters (received_at, kind, gpc,"
                    + " truncated, subject_id, record) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
                for (DeadLetter letter : copy) {
                    Subject subject = letter.visitorId() == null ? null : subjects.get(letter.visitorId());
                    insert.setObject(1, OffsetDateTime.ofInstant(letter.receivedAt(), ZoneOffset.UTC));
                    insert.setString(2, letter.kind().wireName());
                    insert.setBoolean(3, letter.globalPrivacyControl());
                    insert.setBoolean(4, letter.truncated());
                    insert.setBytes(5, subject == null ? null : subject.id());
                    insert.setBytes(6, seal(subject, letter));
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
        return database.read("listing dead letters", c -> {
            try (PreparedStatement query = c.prepareStatement(SELECT + "WHERE d.id > ? ORDER BY d.id LIMIT ?")) {
                query.setLong(1, afterId);
                query.setInt(2, limit);
                return letters(query);
            }
        });
    }

    @Override
    public List<DeadLetter> get(Collection<Long> ids) {
        Long[] sorted = new TreeSet<>(ids).toArray(Long[]::new);
        return database.read("reading dead letters", c -> {
            try (PreparedStatement query = c.prepareStatement(SELECT + "WHERE d.id = ANY (?) ORDER BY d.id")) {
                query.setArray(1, c.createArrayOf("bigint", sorted));
                return letters(query);
            }
        });
    }

    @Override
    public int remove(Collection<Long> ids) {
        Long[] sorted = new TreeSet<>(ids).toArray(Long[]::new);
        return database.write("removing replayed dead letters", c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM dead_letters WHERE id = ANY (?)")) {
                delete.setArray(1, c.createArrayOf("bigint", sorted));
                return delete.executeUpdate();
            }
        });
    }

    /** Opens each letter and seals it again with the new reason (the reason is part of the sealed record). */
    @Override
    public void updateReasons(Map<Long, String> reasons) {
        Map<Long, String> copy = Map.copyOf(reasons);
        database.write("updating dead letter reasons", c -> {
            try (PreparedStatement query = c.prepareStatement(SELECT + "WHERE d.id = ? FOR UPDATE OF d");
                 PreparedStatement update = c.prepareStatement("UPDATE dead_letters SET record = ? WHERE id = ?")) {
                for (Map.Entry<Long, String> entry : copy.entrySet()) {
                    query.setLong(1, entry.getKey());
                    try (ResultSet rows = query.executeQuery()) {
                        if (rows.next()) {
                            Optional<Subject> subject = subject(rows);
                            DeadLetter letter = letter(rows).withReason(entry.getValue());
                            update.setBytes(1, seal(subject.orElse(null), letter));
                            update.setLong(2, entry.getKey());
                            update.executeUpdate();
                        }
                    }
                }
            }
            return null;
        });
    }

    @Override
    public int eraseVisitor(String visitorId) {
        Objects.requireNonNull(visitorId, "visitorId");
        byte[] visitorHash = keyring.blinder().hash(Blinder.Domain.VISITOR, visitorId);
        return database.write("erasing a visitor's dead letters", c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM dead_letters WHERE subject_id IN "
                    + "(SELECT subject_id FROM subjects WHERE bucket = ? AND visitor_hash = ?)")) {
                delete.setInt(1, Blinder.bucket(visitorHash));
                delete.setBytes(2, visitorHash);
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public int eraseBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return database.write("expiring dead letters", c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM dead_letters WHERE received_at < ?")) {
                delete.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public long count() {
        return database.read("counting dead letters", c -> {
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

    private static Optional<Subject> subject(ResultSet rows) throws SQLException {
        byte[] subjectId = rows.getBytes(1);
        return subjectId == null ? Optional.empty() : Optional.of(new Subject(subjectId, rows.getBytes(2)));
    }

    private DeadLetter letter(ResultSet rows) throws SQLException {
        Optional<Subject> subject = subject(rows);
        byte[] stored = rows.getBytes(3);
        byte[] record = subject.isEmpty() ? stored
                : keyring.cipher().open(subject.get(), RecordCipher.Kind.DEAD_LETTER, stored);
        RecordCodec.DeadLetterText text = RecordCodec.deadLetter(record);
        return new DeadLetter(rows.getLong(4), rows.getObject(5, OffsetDateTime.class).toInstant(),
                DeadLetter.Kind.fromWire(rows.getString(6)), text.reason(), text.visitorId(), rows.getBoolean(7),
                rows.getBoolean(8), text.payload());
    }

    private byte[] seal(Subject subject, DeadLetter letter) {
        byte[] record = RecordCodec.deadLetter(letter);
        return subject == null ? record : keyring.cipher().seal(subject, RecordCipher.Kind.DEAD_LETTER, record);
    }
}
