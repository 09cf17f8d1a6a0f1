package dev.grat.store.sqlite;

import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.store.AnonymousTally;
import dev.grat.store.EventCount;
import dev.grat.store.EventStore;
import dev.grat.store.IngestBatch;
import dev.grat.store.sealed.Blinder;
import dev.grat.store.sealed.RecordCipher;
import dev.grat.store.sealed.RecordCodec;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Personal events as rows sealed with their visitor's key (the type and time stay clear, for retention and ordered
 * replay; the visitor and the event id only as keyed hashes); anonymous events as the keyed hash of their id (for
 * idempotency) and summed hourly tallies.
 */
final class SqliteEvents implements EventStore {

    /** Columns of a sealed event with its key: visitor hash, data key, payload ({@link Keyring#open}). */
    private static final String SEALED = "SELECT e.visitor_hash, k.data_key, e.payload FROM events e JOIN "
            + KeyFile.SCHEMA + ".subjects k ON k.visitor_hash = e.visitor_hash ";

    // An id is new only if neither table has it: a retried batch may move between personal and anonymous
    // when the visitor's consent changed in between. ON CONFLICT (not OR IGNORE) so NOT NULL still fails loudly.
    private static final String INSERT_PERSONAL = "INSERT INTO events (id_hash, type, visitor_hash, ts, payload) "
            + "SELECT ?, ?, ?, ?, ? "
            + "WHERE NOT EXISTS (SELECT 1 FROM anonymous_ids WHERE id_hash = ?) ON CONFLICT (id_hash) DO NOTHING";
    private static final String INSERT_ANONYMOUS_ID = "INSERT INTO anonymous_ids (id_hash, received_day) "
            + "SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM events WHERE id_hash = ?) ON CONFLICT (id_hash) DO NOTHING";
    private static final String ADD_TALLY = "INSERT INTO anonymous_tallies (type, item_id, category_id, hour, count) "
            + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (hour, type, item_id, category_id) "
            + "DO UPDATE SET count = count + excluded.count";
    private static final String NO_KEY = "";

    private final GroupCommitWriter writer;
    private final ReadPool reads;
    private final Keyring keyring;
    private final Blinder writerBlinder;
    private final Clock clock;
    private final AtomicLong personalCount;
    private final PreparedStatement insertPersonal;
    private final PreparedStatement insertAnonymousId;
    private final PreparedStatement addTally;

    /** Prepares the write statements on {@code writeConnection}; they are used only on the writer thread. */
    SqliteEvents(Connection writeConnection, GroupCommitWriter writer, ReadPool reads, Keyring keyring, Clock clock)
            throws SQLException {
        this.writer = writer;
        this.reads = reads;
        this.keyring = keyring;
        this.writerBlinder = keyring.blinder();
        this.clock = clock;
        this.insertPersonal = writeConnection.prepareStatement(INSERT_PERSONAL);
        this.insertAnonymousId = writeConnection.prepareStatement(INSERT_ANONYMOUS_ID);
        this.addTally = writeConnection.prepareStatement(ADD_TALLY);
        this.personalCount = new AtomicLong(reads.read("counting events",
                c -> queryLong(c, "SELECT count(*) FROM events")));
    }

    @Override
    public Set<String> commit(IngestBatch batch) {
        Objects.requireNonNull(batch, "batch");
        int size = batch.personal().size() + batch.anonymous().size();
        if (size == 0) {
            return Set.of();
        }
        Committed committed = writer.write("commit of " + size + " events", size, c -> insert(c, batch));
        personalCount.addAndGet(committed.personal());
        return committed.newIds();
    }

    private record Committed(Set<String> newIds, int personal) {
    }

    private Committed insert(Connection connection, IngestBatch batch) throws SQLException {
        Set<String> newIds = new LinkedHashSet<>();
        int personal = insertPersonal(connection, batch.personal(), newIds);
        insertAnonymous(batch.anonymous(), newIds);
        return new Committed(newIds, personal);
    }

    private int insertPersonal(Connection connection, List<Event> events, Set<String> newIds) throws SQLException {
        if (events.isEmpty()) {
            return 0;
        }
        events.forEach(SqliteEvents::requireColumns);
        Map<String, Subject> subjects = keyring.acquire(connection,
                events.stream().map(Event::visitorId).distinct().toList(), writerBlinder);
        insertPersonal.clearBatch(); // a task that failed while binding may have left entries behind
        for (Event event : events) {
            bindPersonal(event, subjects.get(event.visitorId()));
            insertPersonal.addBatch();
        }
        int[] changes = insertPersonal.executeBatch();
        int added = 0;
        for (int i = 0; i < changes.length; i++) {
            if (changes[i] > 0) {
                newIds.add(events.get(i).id());
                added++;
            }
        }
        return added;
    }

    /** The columns that were NOT NULL before records were sealed, checked with the same message. */
    private static void requireColumns(Event event) {
        requireColumn(event.id(), "events.id");
        requireColumn(event.type(), "events.type");
        requireColumn(event.visitorId(), "events.visitor_id");
        requireColumn(event.channel(), "events.channel");
        requireColumn(event.timestamp(), "events.ts");
    }

    private static void requireColumn(Object value, String column) {
        if (value == null) {
            throw new SqliteStoreException("NOT NULL constraint failed: " + column);
        }
    }

    private void bindPersonal(Event event, Subject subject) throws SQLException {
        PreparedStatement s = insertPersonal;
        byte[] idHash = writerBlinder.hash(Blinder.Domain.EVENT_ID, event.id());
        s.setBytes(1, idHash);
        s.setString(2, event.type().wireName());
        s.setBytes(3, subject.visitorHash());
        s.setLong(4, event.timestamp().toEpochMilli());
        s.setBytes(5, keyring.seal(subject, RecordCipher.Kind.EVENT, RecordCodec.event(event)));
        s.setBytes(6, idHash);
    }

    /** Keeps only the id, the day and the counts: whatever identifiers the events still carry are dropped here. */
    private void insertAnonymous(List<Event> events, Set<String> newIds) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        long today = LocalDate.now(clock).toEpochDay();
        insertAnonymousId.clearBatch();
        for (Event event : events) {
            byte[] idHash = writerBlinder.hash(Blinder.Domain.EVENT_ID, event.id());
            insertAnonymousId.setBytes(1, idHash);
            insertAnonymousId.setLong(2, today);
            insertAnonymousId.setBytes(3, idHash);
            insertAnonymousId.addBatch();
        }
        int[] changes = insertAnonymousId.executeBatch();
        Map<AnonymousTally, Long> sums = new LinkedHashMap<>();
        for (int i = 0; i < changes.length; i++) {
            if (changes[i] > 0) {
                Event event = events.get(i);
                newIds.add(event.id());
                AnonymousTally.of(event).forEach(t -> sums.merge(withoutCount(t), t.count(), Long::sum));
            }
        }
        addTallies(sums);
    }

    private static AnonymousTally withoutCount(AnonymousTally tally) {
        return new AnonymousTally(tally.type(), tally.itemId(), tally.categoryId(), tally.hour(), 0);
    }

    private void addTallies(Map<AnonymousTally, Long> sums) throws SQLException {
        if (sums.isEmpty()) {
            return;
        }
        addTally.clearBatch();
        for (Map.Entry<AnonymousTally, Long> sum : sums.entrySet()) {
            AnonymousTally key = sum.getKey();
            addTally.setString(1, key.type().wireName());
            addTally.setString(2, key.itemId() == null ? NO_KEY : key.itemId());
            addTally.setString(3, key.categoryId() == null ? NO_KEY : key.categoryId());
            addTally.setLong(4, key.hour().toEpochMilli());
            addTally.setLong(5, sum.getValue());
            addTally.addBatch();
        }
        addTally.executeBatch();
    }

    @Override
    public void forEachEvent(Consumer<Event> action) {
        Objects.requireNonNull(action, "action");
        reads.read("replay of all events", c -> {
            try (PreparedStatement query = c.prepareStatement(SEALED + "ORDER BY e.ts, e.seq");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    action.accept(event(rows));
                }
            }
            return null;
        });
    }

    @Override
    public List<Event> eventsOf(String visitorId) {
        Objects.requireNonNull(visitorId, "visitorId");
        byte[] visitorHash = keyring.blinder().hash(Blinder.Domain.VISITOR, visitorId);
        return reads.read("reading a visitor's events", c -> {
            try (PreparedStatement query = c.prepareStatement(SEALED + "WHERE e.visitor_hash = ? ORDER BY e.ts, e.seq")) {
                query.setBytes(1, visitorHash);
                List<Event> events = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        events.add(event(rows));
                    }
                }
                return events;
            }
        });
    }

    /** Counted in SQL: the transparency report must not read every event. */
    @Override
    public EventCount countEvents(Set<EventType> types) {
        if (types.isEmpty()) {
            return new EventCount(0, 0);
        }
        String marks = String.join(", ", java.util.Collections.nCopies(types.size(), "?"));
        return reads.read("counting events", c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT count(*), count(DISTINCT visitor_hash) FROM events WHERE type IN (" + marks + ")")) {
                int index = 1;
                for (EventType type : types) {
                    query.setString(index++, type.wireName());
                }
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return new EventCount(rows.getLong(1), rows.getLong(2));
                }
            }
        });
    }

    @Override
    public void forEachTally(Consumer<AnonymousTally> action) {
        Objects.requireNonNull(action, "action");
        reads.read("replay of anonymous tallies", c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT type, item_id, category_id, hour, count FROM anonymous_tallies");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    action.accept(new AnonymousTally(eventType(rows.getString(1)), keyPart(rows.getString(2)),
                            keyPart(rows.getString(3)), Instant.ofEpochMilli(rows.getLong(4)), rows.getLong(5)));
                }
            }
            return null;
        });
    }

    @Override
    public long personalEventCount() {
        return personalCount.get();
    }

    /**
     * Deletes the expired events of one type in one transaction and returns them. {@code secure_delete} zeroes the
     * deleted cells; {@link SqliteStore#scrubErased()} removes what page rebuilds and the write-ahead log still hold.
     */
    @Override
    public List<Event> eraseBefore(EventType type, Instant cutoff) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(cutoff, "cutoff");
        List<Event> removed = writer.write("retention of " + type.wireName() + " events", 1, c -> {
            List<Event> expired = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement(
                    SEALED + "WHERE e.type = ? AND e.ts < ? ORDER BY e.ts, e.seq")) {
                query.setString(1, type.wireName());
                query.setLong(2, cutoff.toEpochMilli());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        expired.add(event(rows));
                    }
                }
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM events WHERE type = ? AND ts < ?")) {
                delete.setString(1, type.wireName());
                delete.setLong(2, cutoff.toEpochMilli());
                delete.executeUpdate();
            }
            return expired;
        });
        personalCount.addAndGet(-removed.size());
        return removed;
    }

    /**
     * Deletes the tallies of hours before the cutoff and the ids of anonymous events received on days before the
     * cutoff's day (they are kept only so that a retried batch is not counted twice; nobody retries that late).
     */
    @Override
    public List<AnonymousTally> eraseTalliesBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return writer.write("retention of anonymous tallies", 1, c -> {
            List<AnonymousTally> expired = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT type, item_id, category_id, hour, count FROM anonymous_tallies WHERE hour < ?")) {
                query.setLong(1, cutoff.toEpochMilli());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        expired.add(new AnonymousTally(eventType(rows.getString(1)), keyPart(rows.getString(2)),
                                keyPart(rows.getString(3)), Instant.ofEpochMilli(rows.getLong(4)), rows.getLong(5)));
                    }
                }
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM anonymous_tallies WHERE hour < ?")) {
                delete.setLong(1, cutoff.toEpochMilli());
                delete.executeUpdate();
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM anonymous_ids WHERE received_day < ?")) {
                delete.setLong(1, LocalDate.ofInstant(cutoff, clock.getZone()).toEpochDay());
                delete.executeUpdate();
            }
            return expired;
        });
    }

    /** Called by the erasure once its deletion is committed. */
    void forgetErased(int events) {
        personalCount.addAndGet(-events);
    }

    /** The event of a {@link #SEALED} row. */
    private Event event(ResultSet rows) throws SQLException {
        return RecordCodec.event(keyring.open(rows, 1, RecordCipher.Kind.EVENT));
    }

    private static EventType eventType(String wireName) {
        return EventType.fromWire(wireName).orElseThrow(() -> unknown("event type", wireName));
    }

    private static String keyPart(String stored) {
        return NO_KEY.equals(stored) ? null : stored;
    }

    private static SqliteStoreException unknown(String column, String value) {
        return new SqliteStoreException("column " + column + " holds an unknown value: " + value);
    }

    static long queryLong(Connection connection, String sql) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
