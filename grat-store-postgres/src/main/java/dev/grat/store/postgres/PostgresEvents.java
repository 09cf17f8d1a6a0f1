package dev.grat.store.postgres;

import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.store.AnonymousTally;
import dev.grat.store.EventStore;
import dev.grat.store.IngestBatch;
import dev.grat.store.sealed.Blinder;
import dev.grat.store.sealed.RecordCipher;
import dev.grat.store.sealed.RecordCodec;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Personal events as encrypted rows, anonymous events as summed hourly tallies; every id, personal or anonymous,
 * passes the {@code event_ids} gate first, so that an id is stored once even when two nodes commit it at once.
 */
final class PostgresEvents implements EventStore {

    static final int COUNT_SHARDS = 16;
    private static final int TALLY_SHARDS = 8;
    private static final int FETCH_SIZE = 1000;
    private static final String NO_KEY = "";

    // Ids are claimed in hash order, so that concurrent commits with overlapping ids never wait in a circle.
    private static final String CLAIM_IDS = "INSERT INTO event_ids (id_hash, received_day) "
            + "SELECT h, ? FROM unnest(?::bytea[]) WITH ORDINALITY AS t(h, n) ORDER BY n "
            + "ON CONFLICT DO NOTHING RETURNING id_hash";
    // Inserts the events and adds them to the count in one round trip.
    private static final String INSERT_EVENTS = "WITH inserted AS (INSERT INTO events "
            + "(subject_id, id_hash, occurred_at, payload) SELECT s, h, t::timestamptz, p "
            + "FROM unnest(?::bytea[], ?::bytea[], ?::text[], ?::bytea[]) AS u(s, h, t, p) RETURNING 1) "
            + "UPDATE event_counts SET personal = personal + (SELECT count(*) FROM inserted) WHERE shard = ?";
    private static final String ADD_TALLIES = "INSERT INTO anonymous_tallies "
            + "(hour, type, item_id, category_id, shard, count) "
            + "SELECT h::timestamptz, t, i, c, ?, n "
            + "FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[]) AS u(h, t, i, c, n) "
            + "ON CONFLICT (hour, type, item_id, category_id, shard) DO UPDATE SET count = anonymous_tallies.count + excluded.count";
    private static final String SELECT_SEALED = "SELECT s.subject_id, s.data_key, e.payload FROM events e "
            + "JOIN subjects s ON s.subject_id = e.subject_id ";
    private static final Comparator<AnonymousTally> TALLY_ORDER = Comparator
            .comparing(AnonymousTally::hour)
            .thenComparing(t -> t.type().wireName())
            .thenComparing(t -> Objects.requireNonNullElse(t.itemId(), NO_KEY))
            .thenComparing(t -> Objects.requireNonNullElse(t.categoryId(), NO_KEY));

    private final Database database;
    private final Keyring keyring;
    private final Clock clock;
    private final AtomicInteger shards = new AtomicInteger();

    PostgresEvents(Database database, Keyring keyring, Clock clock) {
        this.database = database;
        this.keyring = keyring;
        this.clock = clock;
    }

    @Override
    public Set<String> commit(IngestBatch batch) {
        Objects.requireNonNull(batch, "batch");
        Candidates candidates = Candidates.of(batch);
        if (candidates.isEmpty()) {
            return Set.of();
        }
        int shard = shards.getAndIncrement();
        return database.write("commit of " + candidates.size() + " events", c -> insert(c, candidates, shard));
    }

    private Set<String> insert(Connection connection, Candidates candidates, int shard) throws SQLException {
        Blinder blinder = keyring.blinder();
        Map<ByteBuffer, Event> byHash = new LinkedHashMap<>();
        candidates.all().forEach(event -> byHash.put(ByteBuffer.wrap(blinder.hash(Blinder.Domain.EVENT_ID,
                event.id())), event));
        Set<ByteBuffer> claimed = claimIds(connection, byHash.keySet());
        Set<String> newIds = new LinkedHashSet<>();
        List<Event> personal = new ArrayList<>();
        List<byte[]> personalHashes = new ArrayList<>();
        List<Event> anonymous = new ArrayList<>();
        byHash.forEach((hash, event) -> {
            if (claimed.contains(hash)) {
                newIds.add(event.id());
                if (candidates.isPersonal(event)) {
                    personal.add(event);
                    personalHashes.add(hash.array());
                } else {
                    anonymous.add(event);
                }
            }
        });
        insertPersonal(connection, blinder, personal, personalHashes, shard);
        addTallies(connection, anonymous, shard);
        return newIds;
    }

    private Set<ByteBuffer> claimIds(Connection connection, Set<ByteBuffer> hashes) throws SQLException {
        byte[][] sorted = hashes.stream().map(ByteBuffer::array).sorted(Arrays::compareUnsigned).toArray(byte[][]::new);
        Set<ByteBuffer> claimed = new HashSet<>();
        try (PreparedStatement claim = connection.prepareStatement(CLAIM_IDS)) {
            claim.setObject(1, LocalDate.now(clock));
            claim.setArray(2, connection.createArrayOf("bytea", sorted));
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    claimed.add(ByteBuffer.wrap(rows.getBytes(1)));
                }
            }
        }
        return claimed;
    }

    private void insertPersonal(Connection connection, Blinder blinder, List<Event> events, List<byte[]> idHashes,
                                int shard) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        Map<String, Subject> subjects = keyring.subjects().acquire(connection,
                events.stream().map(Event::visitorId).distinct().toList(), blinder);
        int size = events.size();
        byte[][] subjectIds = new byte[size][];
        String[] times = new String[size];
        byte[][] payloads = new byte[size][];
        for (int i = 0; i < size; i++) {
            Event event = events.get(i);
            Subject subject = subjects.get(event.visitorId());
            subjectIds[i] = subject.id();
            times[i] = event.timestamp().toString();
            payloads[i] = keyring.cipher().seal(subject, RecordCipher.Kind.EVENT, RecordCodec.event(event));
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENTS)) {
            insert.setArray(1, connection.createArrayOf("bytea", subjectIds));
            insert.setArray(2, connection.createArrayOf("bytea", idHashes.toArray(byte[][]::new)));
            insert.setArray(3, connection.createArrayOf("text", times));
            insert.setArray(4, connection.createArrayOf("bytea", payloads));
            insert.setInt(5, Math.floorMod(shard, COUNT_SHARDS));
            insert.executeUpdate();
        }
    }

    static void addToCount(Connection connection, long delta, int shard) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE event_counts SET personal = personal + ? WHERE shard = ?")) {
            update.setLong(1, delta);
            update.setInt(2, Math.floorMod(shard, COUNT_SHARDS));
            update.executeUpdate();
        }
    }

    /** Keeps only the counts: whatever identifiers anonymous events still carry are dropped here. */
    private static void addTallies(Connection connection, List<Event> events, int shard) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        // Sorted, so that concurrent commits update shared tally rows in the same order.
        Map<AnonymousTally, Long> sums = new TreeMap<>(TALLY_ORDER);
        for (Event event : events) {
            AnonymousTally.of(event).forEach(t -> sums.merge(t, t.count(), Long::sum));
        }
        List<String> hours = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> itemIds = new ArrayList<>();
        List<String> categoryIds = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        sums.forEach((tally, count) -> {
            hours.add(tally.hour().toString());
            types.add(tally.type().wireName());
            itemIds.add(Objects.requireNonNullElse(tally.itemId(), NO_KEY));
            categoryIds.add(Objects.requireNonNullElse(tally.categoryId(), NO_KEY));
            counts.add(count);
        });
        try (PreparedStatement add = connection.prepareStatement(ADD_TALLIES)) {
            add.setInt(1, Math.floorMod(shard, TALLY_SHARDS));
            add.setArray(2, connection.createArrayOf("text", hours.toArray()));
            add.setArray(3, connection.createArrayOf("text", types.toArray()));
            add.setArray(4, connection.createArrayOf("text", itemIds.toArray()));
            add.setArray(5, connection.createArrayOf("text", categoryIds.toArray()));
            add.setArray(6, connection.createArrayOf("bigint", counts.toArray()));
            add.executeUpdate();
        }
    }

    @Override
    public void forEachEvent(Consumer<Event> action) {
        Objects.requireNonNull(action, "action");
        database.read("replay of all events", c -> {
            try (PreparedStatement query = c.prepareStatement(SELECT_SEALED + "ORDER BY e.occurred_at, e.seq")) {
                query.setFetchSize(FETCH_SIZE);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        action.accept(RecordCodec.event(keyring.open(rows, RecordCipher.Kind.EVENT)));
                    }
                }
            }
            return null;
        });
    }

    @Override
    public List<Event> eventsOf(String visitorId) {
        Objects.requireNonNull(visitorId, "visitorId");
        byte[] visitorHash = keyring.blinder().hash(Blinder.Domain.VISITOR, visitorId);
        return database.read("reading a visitor's events", c -> {
            try (PreparedStatement query = c.prepareStatement(SELECT_SEALED
                    + "WHERE s.bucket = ? AND s.visitor_hash = ? ORDER BY e.occurred_at, e.seq")) {
                query.setInt(1, Blinder.bucket(visitorHash));
                query.setBytes(2, visitorHash);
                List<Event> events = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        events.add(RecordCodec.event(keyring.open(rows, RecordCipher.Kind.EVENT)));
                    }
                }
                return events;
            }
        });
    }

    @Override
    public void forEachTally(Consumer<AnonymousTally> action) {
        Objects.requireNonNull(action, "action");
        database.read("replay of anonymous tallies", c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT type, item_id, category_id, hour, sum(count) "
                    + "FROM anonymous_tallies GROUP BY hour, type, item_id, category_id")) {
                query.setFetchSize(FETCH_SIZE);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        action.accept(new AnonymousTally(eventType(rows.getString(1)), keyPart(rows.getString(2)),
                                keyPart(rows.getString(3)), rows.getObject(4, OffsetDateTime.class).toInstant(),
                                rows.getLong(5)));
                    }
                }
            }
            return null;
        });
    }

    @Override
    public long personalEventCount() {
        return database.read("counting events", c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT coalesce(sum(personal), 0) FROM event_counts");
                 ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    /**
     * Deletes the expired events of one type. The type is inside the encrypted payload, so the events before the
     * cutoff are read and opened, and those of the type deleted by sequence number with their id hashes.
     */
    @Override
    public List<Event> eraseBefore(EventType type, Instant cutoff) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(cutoff, "cutoff");
        return database.write("retention of " + type.wireName() + " events", c -> {
            List<Event> expired = new ArrayList<>();
            List<Long> seqs = new ArrayList<>();
            List<byte[]> idHashes = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("SELECT s.subject_id, s.data_key, e.payload, e.seq, "
                    + "e.id_hash FROM events e JOIN subjects s ON s.subject_id = e.subject_id "
                    + "WHERE e.occurred_at < ?::timestamptz ORDER BY e.occurred_at, e.seq")) {
                query.setFetchSize(FETCH_SIZE);
                query.setString(1, cutoff.toString());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        Event event = RecordCodec.event(keyring.open(rows, RecordCipher.Kind.EVENT));
                        if (event.type() == type) {
                            expired.add(event);
                            seqs.add(rows.getLong(4));
                            idHashes.add(rows.getBytes(5));
                        }
                    }
                }
            }
            if (!expired.isEmpty()) {
                deleteExpired(c, seqs, idHashes);
            }
            return expired;
        });
    }

    private static void deleteExpired(Connection connection, List<Long> seqs, List<byte[]> idHashes)
            throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM events WHERE seq = ANY(?)")) {
            delete.setArray(1, connection.createArrayOf("bigint", seqs.toArray()));
            delete.executeUpdate();
        }
        // Ids of removed events are forgotten too, as on erasure: a client-chosen id may contain the visitor id.
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM event_ids WHERE id_hash = ANY(?)")) {
            delete.setArray(1, connection.createArrayOf("bytea", idHashes.toArray(byte[][]::new)));
            delete.executeUpdate();
        }
        addToCount(connection, -seqs.size(), 0);
    }

    /**
     * Deletes the tallies of hours before the cutoff (all shards, summed in the answer) and the id hashes of
     * anonymous events received on days before it; id hashes of stored personal events stay, they guard those.
     */
    @Override
    public List<AnonymousTally> eraseTalliesBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return database.write("retention of anonymous tallies", c -> {
            Map<AnonymousTally, Long> sums = new TreeMap<>(TALLY_ORDER);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM anonymous_tallies "
                    + "WHERE hour < ?::timestamptz RETURNING type, item_id, category_id, hour, count")) {
                delete.setString(1, cutoff.toString());
                try (ResultSet rows = delete.executeQuery()) {
                    while (rows.next()) {
                        AnonymousTally key = new AnonymousTally(eventType(rows.getString(1)), keyPart(rows.getString(2)),
                                keyPart(rows.getString(3)), rows.getObject(4, OffsetDateTime.class).toInstant(), 0);
                        sums.merge(key, rows.getLong(5), Long::sum);
                    }
                }
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM event_ids i WHERE i.received_day < ? "
                    + "AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id_hash = i.id_hash)")) {
                delete.setObject(1, LocalDate.ofInstant(cutoff, clock.getZone()));
                delete.executeUpdate();
            }
            List<AnonymousTally> removed = new ArrayList<>();
            sums.forEach((key, count) -> removed.add(new AnonymousTally(key.type(), key.itemId(), key.categoryId(),
                    key.hour(), count)));
            return removed;
        });
    }

    private static EventType eventType(String wireName) {
        return EventType.fromWire(wireName).orElseThrow(() -> new PostgresStoreException(
                "column anonymous_tallies.type holds an unknown value: " + wireName));
    }

    private static String keyPart(String stored) {
        return NO_KEY.equals(stored) ? null : stored;
    }

    /**
     * The events of a batch worth committing: each id once (personal wins over anonymous, the first copy over
     * later ones), each checked for the fields the tables need, times cut to the millisecond.
     */
    private record Candidates(List<Event> all, Set<String> personalIds) {

        static Candidates of(IngestBatch batch) {
            Map<String, Event> byId = new LinkedHashMap<>();
            Set<String> personalIds = new HashSet<>();
            for (int i = 0; i < batch.personal().size(); i++) {
                Event event = checked(batch.personal().get(i), "personal", i, true);
                byId.putIfAbsent(event.id(), event);
                personalIds.add(event.id());
            }
            for (int i = 0; i < batch.anonymous().size(); i++) {
                Event event = checked(batch.anonymous().get(i), "anonymous", i, false);
                byId.putIfAbsent(event.id(), event);
            }
            return new Candidates(List.copyOf(byId.values()), personalIds);
        }

        private static Event checked(Event event, String list, int index, boolean personal) {
            Objects.requireNonNull(event, () -> list + "[" + index + "]");
            require(event.id() != null, list, index, "id");
            require(event.type() != null, list, index, "type");
            require(event.timestamp() != null, list, index, "timestamp");
            if (personal) {
                require(event.visitorId() != null, list, index, "visitorId");
                require(event.channel() != null, list, index, "channel");
            }
            Instant millis = Instant.ofEpochMilli(event.timestamp().toEpochMilli());
            return millis.equals(event.timestamp()) ? event : new Event(event.id(), event.type(), event.visitorId(),
                    event.customerId(), event.channel(), millis, event.itemId(), event.categoryId(), event.query(),
                    event.items(), event.currency(), event.decisionId(), event.properties());
        }

        private static void require(boolean present, String list, int index, String field) {
            if (!present) {
                throw new IllegalArgumentException(list + "[" + index + "]." + field
                        + " is missing; the batch was not stored");
            }
        }

        boolean isPersonal(Event event) {
            return personalIds.contains(event.id());
        }

        boolean isEmpty() {
            return all.isEmpty();
        }

        int size() {
            return all.size();
        }
    }
}
