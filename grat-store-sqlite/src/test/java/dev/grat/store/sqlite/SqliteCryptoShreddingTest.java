package dev.grat.store.sqlite;

import dev.grat.consent.ConsentChain;
import dev.grat.consent.ConsentEntry;
import dev.grat.consent.LedgerVerifier;
import dev.grat.consent.Purpose;
import dev.grat.declared.Declaration;
import dev.grat.declared.DeclaredPreferences;
import dev.grat.event.Channel;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.store.DeadLetter;
import dev.grat.store.IdentityLink;
import dev.grat.store.IngestBatch;
import dev.grat.store.sealed.Blinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Crypto-shredding: a copy of {@code grat.db} taken before an erasure (a backup without the key file) does not
 * yield the erased visitor's records once the live key file has lost the key, and holds nobody's ids in clear.
 */
class SqliteCryptoShreddingTest {

    private static final Instant T0 = Instant.parse("2026-02-01T09:00:00Z");
    private static final String A = "visitor-a-5e1f77";
    private static final String B = "visitor-b-90c2d4";

    @TempDir
    Path live;
    @TempDir
    Path backup;

    @Test
    void backupTakenBeforeErasure_opensOnlyTheOtherVisitorsRecords_withTheLiveKeyFile() throws Exception {
        try (SqliteStore store = SqliteStore.open(live)) {
            storeHistory(store, A);
            storeHistory(store, B);
        }
        Files.copy(live.resolve(SqliteStore.DATABASE_FILE), backup.resolve(SqliteStore.DATABASE_FILE));
        byte[] keyOfA = dataKey(A);
        byte[] keyOfB = dataKey(B);
        List<Event> eventsOfB;
        try (SqliteStore store = SqliteStore.open(live)) {
            eventsOfB = store.events().eventsOf(B);
            assertThat(store.eraseVisitor(A).events()).isEqualTo(3);
        }
        assertThat(DataDirectoryScan.bytesFound(live, List.of(keyOfA, keyOfB))).containsExactly(1);

        assertThat(sealedRowsOf(backup, A)).as("A's sealed events are still in the backup").isEqualTo(3);
        Files.copy(live.resolve(KeyFile.FILE_NAME), backup.resolve(KeyFile.FILE_NAME));
        try (SqliteStore restored = SqliteStore.open(backup)) {
            assertThat(restored.events().eventsOf(A)).isEmpty();
            assertThat(restored.identities().linksOfCustomer("customer-of-" + A)).isEmpty();
            assertThat(restored.declared().get(A)).isEmpty();
            assertThat(restored.consents().history(A)).isEmpty();
            assertThat(restored.events().eventsOf(B)).isEqualTo(eventsOfB);
            assertThat(restored.identities().linksOfCustomer("customer-of-" + B)).hasSize(1);
            assertThat(restored.declared().get(B)).isPresent();
            assertThat(restored.consents().history(B)).hasSize(1);
            assertThat(LedgerVerifier.verify(restored.consents()).valid()).isTrue();
        }
    }

    @Test
    void backupOfTheDatabase_holdsNoVisitorIdCustomerIdQueryOrEventIdInClear() throws IOException {
        try (SqliteStore store = SqliteStore.open(live)) {
            storeHistory(store, A);
            storeHistory(store, B);
            store.events().commit(new IngestBatch(List.of(), List.of(search("anonymous-1", "anonymous", T0))));
        }
        Files.copy(live.resolve(SqliteStore.DATABASE_FILE), backup.resolve(SqliteStore.DATABASE_FILE));

        List<String> personal = new ArrayList<>();
        for (String visitor : List.of(A, B)) {
            personal.addAll(List.of(visitor, "customer-of-" + visitor, "query of " + visitor, "event-1-" + visitor,
                    "Brand of " + visitor));
        }
        assertThat(DataDirectoryScan.textsFound(backup, personal)).isEmpty();
        assertThat(DataDirectoryScan.textsFound(backup, List.of("Women/Shoes"))).as("anonymous tallies are in clear")
                .isNotEmpty();
    }

    @Test
    void open_withoutTheKeyFile_refusesAndNamesIt() throws IOException {
        try (SqliteStore store = SqliteStore.open(live)) {
            storeHistory(store, A);
        }
        Files.copy(live.resolve(SqliteStore.DATABASE_FILE), backup.resolve(SqliteStore.DATABASE_FILE));

        assertThatThrownBy(() -> SqliteStore.open(backup))
                .isInstanceOf(SqliteStoreException.class)
                .hasMessageContaining(KeyFile.FILE_NAME)
                .hasMessageContaining("is missing");
        assertThat(backup.resolve(KeyFile.FILE_NAME)).doesNotExist();
    }

    @Test
    void open_withTheKeyFileOfAnotherDatabase_refuses() throws IOException {
        try (SqliteStore store = SqliteStore.open(live)) {
            storeHistory(store, A);
        }
        SqliteStore.open(backup).close();
        Files.copy(live.resolve(SqliteStore.DATABASE_FILE), backup.resolve(SqliteStore.DATABASE_FILE),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(backup.resolve(SqliteStore.DATABASE_FILE + "-wal"));

        assertThatThrownBy(() -> SqliteStore.open(backup))
                .isInstanceOf(SqliteStoreException.class)
                .hasMessageContaining("belongs to another database");
    }

    /**
     * SQLite commits grat.db before the key file: a crash in between leaves a group's records without their new key.
     * That group was never acknowledged, so a retry of its events must be stored, not refused as a duplicate.
     */
    @Test
    void recordsWhoseKeyWasLostInACrash_areDroppedAtStart_soARetryIsStoredAgain() throws SQLException {
        Event event = search("event-1-" + A, A, T0);
        try (SqliteStore store = SqliteStore.open(live)) {
            store.events().commit(new IngestBatch(List.of(event), List.of()));
            store.identities().link(new IdentityLink("customer-of-" + A, A, T0));
            store.consents().append(new ConsentEntry(A, EnumSet.of(Purpose.NECESSARY), T0, "banner", "p1", false),
                    ConsentChain.newSalt(new SplittableRandom(5)));
            store.deadLetters().add(List.of(deadLetter(A)));
            storeHistory(store, B);
        }
        byte[] visitorHash = visitorHash(A);
        try (Connection keys = DriverManager.getConnection("jdbc:sqlite:" + live.resolve(KeyFile.FILE_NAME));
             PreparedStatement delete = keys.prepareStatement("DELETE FROM subjects WHERE visitor_hash = ?")) {
            delete.setBytes(1, visitorHash);
            assertThat(delete.executeUpdate()).isEqualTo(1);
        }

        try (SqliteStore store = SqliteStore.open(live)) {
            assertThat(store.events().personalEventCount()).isEqualTo(3);
            assertThat(store.events().commit(new IngestBatch(List.of(event), List.of()))).containsExactly(event.id());
            assertThat(store.events().eventsOf(A)).containsExactly(event);
            assertThat(store.identities().linksOfCustomer("customer-of-" + A)).isEmpty();
            assertThat(store.deadLetters().count()).isZero();
            assertThat(store.events().eventsOf(B)).hasSize(3);
            assertThat(LedgerVerifier.verify(store.consents()).tombstones()).isEqualTo(1);
            assertThat(LedgerVerifier.verify(store.consents()).valid()).isTrue();
        }
    }

    @Test
    void backupTakenBeforeErasure_showsNothingOfTheVisitorsDeadLetters_withTheLiveKeyFile() throws Exception {
        try (SqliteStore store = SqliteStore.open(live)) {
            store.deadLetters().add(List.of(deadLetter(A), deadLetter(B)));
        }
        Files.copy(live.resolve(SqliteStore.DATABASE_FILE), backup.resolve(SqliteStore.DATABASE_FILE));
        try (SqliteStore store = SqliteStore.open(live)) {
            store.eraseVisitor(A);
        }

        assertThat(sealedDeadLettersOf(backup, A)).as("A's sealed letter is still in the backup").isEqualTo(1);
        assertThat(DataDirectoryScan.textsFound(backup, List.of(A, "letter of " + A, B, "letter of " + B))).isEmpty();
        Files.copy(live.resolve(KeyFile.FILE_NAME), backup.resolve(KeyFile.FILE_NAME));
        try (SqliteStore restored = SqliteStore.open(backup)) {
            assertThat(restored.deadLetters().list(0, 10)).extracting(DeadLetter::visitorId).containsExactly(B);
            assertThat(restored.deadLetters().list(0, 10).getFirst().payload()).contains("letter of " + B);
        }
    }

    /** A version-3 database (rows in clear) is sealed when opened, and none of its ids stays in clear. */
    @Test
    void version3Database_isSealedWhenOpened_andKeepsEveryRecord() throws SQLException {
        Path old = live.resolve("v3");
        writeVersion3(old);

        try (SqliteStore store = SqliteStore.open(old)) {
            assertThat(store.events().eventsOf(A)).extracting(Event::query).containsExactly("query of " + A);
            assertThat(store.events().eventsOf(A).getFirst().items()).isEmpty();
            assertThat(store.identities().linksOfCustomer("customer-of-" + A))
                    .containsExactly(new IdentityLink("customer-of-" + A, A, T0));
            assertThat(store.declared().get(A).orElseThrow().preferences().likedBrands())
                    .containsExactly("Brand of " + A);
            assertThat(store.consents().history(A)).hasSize(1);
            assertThat(LedgerVerifier.verify(store.consents()).valid()).isTrue();
            assertThat(store.events().commit(new IngestBatch(List.of(search("e-old", A, T0)), List.of())))
                    .as("the id of a migrated event is still known").isEmpty();
        }
        assertThat(DataDirectoryScan.textsFound(old, List.of(A, "customer-of-" + A, "query of " + A,
                "Brand of " + A, "e-old"))).isEmpty();
    }

    private void writeVersion3(Path dir) throws SQLException {
        try (SqliteStore store = SqliteStore.open(dir)) {
            store.consents().append(new ConsentEntry(A, EnumSet.of(Purpose.NECESSARY), T0, "banner", "p1", false),
                    ConsentChain.newSalt(new SplittableRandom(3)));
        }
        // Take the ledger row (its chain is what a version-3 store wrote) and rebuild the file as version 3.
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("grat.db"));
             Statement statement = connection.createStatement()) {
            String seq;
            String previous;
            String hash;
            try (ResultSet rows = statement.executeQuery("SELECT seq, previous_hash, hash FROM consent_entries")) {
                rows.next();
                seq = rows.getString(1);
                previous = rows.getString(2);
                hash = rows.getString(3);
            }
            for (String table : List.of("events", "anonymous_ids", "consent_entries", "identity_links",
                    "declared_preferences", "key_file")) {
                statement.execute("DROP TABLE " + table);
            }
            for (String ddl : Schema.VERSION_1) {
                if (!ddl.contains("anonymous_tallies") && !ddl.contains("TABLE items") && !ddl.contains("content_slots")) {
                    statement.execute(ddl);
                }
            }
            statement.execute("DROP TABLE consent_entries");
            statement.execute("CREATE TABLE consent_entries (seq INTEGER PRIMARY KEY, previous_hash TEXT NOT NULL, "
                    + "hash TEXT NOT NULL, salt TEXT, visitor_id TEXT, granted TEXT, recorded_at INTEGER, source TEXT, "
                    + "policy_version TEXT, global_privacy_control INTEGER, notice_hash TEXT, objected INTEGER, "
                    + "restricted INTEGER)");
            statement.execute("CREATE INDEX consent_by_visitor ON consent_entries (visitor_id, recorded_at)");
            statement.execute("CREATE TABLE declared_preferences (visitor_id TEXT PRIMARY KEY, declared_at INTEGER "
                    + "NOT NULL, source TEXT NOT NULL, preferences TEXT NOT NULL) WITHOUT ROWID");
            statement.execute("CREATE INDEX declared_by_time ON declared_preferences (declared_at)");
            statement.execute("CREATE INDEX links_by_time ON identity_links (linked_at)");
            statement.execute("INSERT INTO events (id, type, visitor_id, channel, ts, query, items, properties) "
                    + "VALUES ('e-old', 'search', '" + A + "', 'web', " + T0.toEpochMilli() + ", 'query of " + A
                    + "', '[]', '{}')");
            statement.execute("INSERT INTO identity_links (customer_id, visitor_id, linked_at) VALUES ('customer-of-"
                    + A + "', '" + A + "', " + T0.toEpochMilli() + ")");
            statement.execute("INSERT INTO declared_preferences VALUES ('" + A + "', " + T0.toEpochMilli()
                    + ", 'visitor', '{\"likes\":{\"categories\":[],\"brands\":[\"Brand of " + A + "\"]},"
                    + "\"dislikes\":{\"categories\":[]},\"sizes\":{}}')");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO consent_entries VALUES "
                    + "(?, ?, ?, ?, ?, '[\"necessary\"]', ?, 'banner', 'p1', 0, NULL, 0, 0)")) {
                insert.setString(1, seq);
                insert.setString(2, previous);
                insert.setString(3, hash);
                insert.setString(4, saltOfFirstEntry());
                insert.setString(5, A);
                insert.setLong(6, T0.toEpochMilli());
                insert.executeUpdate();
            }
            statement.execute("PRAGMA user_version = 3");
        }
    }

    private static String saltOfFirstEntry() {
        return ConsentChain.newSalt(new SplittableRandom(3));
    }

    private static void storeHistory(SqliteStore store, String visitor) {
        List<Event> events = List.of(search("event-1-" + visitor, visitor, T0),
                search("event-2-" + visitor, visitor, T0.plusSeconds(1)),
                search("event-3-" + visitor, visitor, T0.plusSeconds(2)));
        store.events().commit(new IngestBatch(events, List.of()));
        store.identities().link(new IdentityLink("customer-of-" + visitor, visitor, T0));
        store.declared().put(new Declaration(visitor, new DeclaredPreferences(List.of("Women/Shoes"),
                List.of("Brand of " + visitor), List.of(), Map.of("shoes", "39")), T0, "visitor"));
        store.consents().append(new ConsentEntry(visitor, EnumSet.of(Purpose.NECESSARY, Purpose.PERSONALIZATION), T0,
                "banner", "p1", false), ConsentChain.newSalt(new SplittableRandom(visitor.hashCode())));
    }

    private static Event search(String id, String visitor, Instant at) {
        return Event.builder().id(id).type(EventType.SEARCH).visitorId(visitor).customerId("customer-of-" + visitor)
                .channel(Channel.WEB).timestamp(at).query("query of " + visitor).categoryId("Women/Shoes").build();
    }

    /** The visitor's data key, read from the live key file with the store's hash key. */
    private byte[] dataKey(String visitor) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + live.resolve(KeyFile.FILE_NAME));
             Statement statement = connection.createStatement()) {
            byte[] hashKey;
            try (ResultSet rows = statement.executeQuery("SELECT hash_key FROM store_secrets")) {
                rows.next();
                hashKey = rows.getBytes(1);
            }
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT data_key FROM subjects WHERE visitor_hash = ?")) {
                query.setBytes(1, new Blinder(hashKey).hash(Blinder.Domain.VISITOR, visitor));
                try (ResultSet rows = query.executeQuery()) {
                    assertThat(rows.next()).as("the key of " + visitor).isTrue();
                    return rows.getBytes(1);
                }
            }
        }
    }

    /** The keyed hash of the visitor id, with the live key file's hash key. */
    private byte[] visitorHash(String visitor) throws SQLException {
        try (Connection keys = DriverManager.getConnection("jdbc:sqlite:" + live.resolve(KeyFile.FILE_NAME));
             Statement statement = keys.createStatement();
             ResultSet rows = statement.executeQuery("SELECT hash_key FROM store_secrets")) {
            rows.next();
            return new Blinder(rows.getBytes(1)).hash(Blinder.Domain.VISITOR, visitor);
        }
    }

    private static DeadLetter deadLetter(String visitor) {
        return DeadLetter.received(T0, DeadLetter.Kind.EVENT, "type: is required", visitor, false,
                ("{\"visitorId\":\"" + visitor + "\",\"note\":\"letter of " + visitor + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    /** The visitor's dead letters in the copy, found by the keyed hash (with the live hash key). */
    private int sealedDeadLettersOf(Path dir, String visitor) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("grat.db"));
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM dead_letters WHERE visitor_hash = ?")) {
            query.setBytes(1, visitorHash(visitor));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** How many events of the visitor the copy holds, found by the keyed hash (with the live hash key). */
    private int sealedRowsOf(Path dir, String visitor) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("grat.db"));
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM events WHERE visitor_hash = ?")) {
            query.setBytes(1, visitorHash(visitor));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
