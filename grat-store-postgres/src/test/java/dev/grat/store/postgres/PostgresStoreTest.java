package dev.grat.store.postgres;

import dev.grat.event.Event;
import dev.grat.store.IngestBatch;
import dev.grat.store.Store;
import dev.grat.store.StoreContract;
import dev.grat.store.sealed.Blinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.grat.store.postgres.DatabaseFiles.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The store contract on the PostgreSQL server of the machine, plus what only this adapter promises. */
class PostgresStoreTest extends StoreContract {

    private final TestDatabase database = new TestDatabase();

    @Override
    protected Store openStore(Path dir) {
        return PostgresStore.open(database.options());
    }

    @AfterEach
    void dropSchema() {
        store.close();
        database.dropSchema();
    }

    // ---------------------------------------------------------------- erasure reaches the bytes

    @Test
    void erase_removesTheVisitorsKeyFromEveryFileOfTheDatabase() throws SQLException {
        String erased = "erased-visitor-4f2a";
        String kept = "kept-visitor-9b7c";
        storeVisitor(erased, "erased-customer-31d0");
        storeVisitor(kept, "kept-customer-66e4");
        try (Connection connection = database.connect()) {
            DatabaseFiles files = DatabaseFiles.of(connection);
            assumeTrue(files.readable(), "the database files cannot be read from here");
            byte[] erasedKey = dataKey(connection, erased);
            byte[] keptKey = dataKey(connection, kept);
            List<byte[]> clearTexts = List.of(utf8(erased), utf8("erased-customer-31d0"), utf8("query of " + erased),
                    utf8(kept), utf8("kept-customer-66e4"), utf8("query of " + kept));
            assertThat(files.found(connection, clearTexts)).as("identifiers in clear").isEmpty();
            assertThat(files.found(connection, List.of(erasedKey, keptKey))).as("keys before erasure").hasSize(2);

            assertThat(store.eraseVisitor(erased).events()).isEqualTo(3);

            assertThat(files.found(connection, List.of(erasedKey))).as("erased key").isEmpty();
            assertThat(files.found(connection, List.of(keptKey))).as("kept key").hasSize(1);
            assertThat(files.found(connection, clearTexts)).as("identifiers in clear").isEmpty();
            assertThat(store.events().eventsOf(kept)).hasSize(3);
        }
    }

    @Test
    void erase_ofManyVisitorsAmongOthers_leavesNoKeyOfAnyErasedVisitor() throws SQLException {
        List<String> visitors = new ArrayList<>();
        for (int v = 0; v < 160; v++) {
            String visitor = "churn-visitor-%03d".formatted(v);
            visitors.add(visitor);
            List<Event> batch = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                batch.add(view(visitor + "-e" + i, visitor, "p" + (v * 7 + i) % 50, T0.plusSeconds(v * 10L + i)));
            }
            commitPersonal(batch.toArray(Event[]::new));
        }
        try (Connection connection = database.connect()) {
            DatabaseFiles files = DatabaseFiles.of(connection);
            assumeTrue(files.readable(), "the database files cannot be read from here");
            List<byte[]> erasedKeys = new ArrayList<>();
            List<byte[]> keptKeys = new ArrayList<>();
            for (int v = 0; v < visitors.size(); v++) {
                (v % 8 == 0 ? erasedKeys : keptKeys).add(dataKey(connection, visitors.get(v)));
            }

            for (int v = 0; v < visitors.size(); v += 8) {
                store.eraseVisitor(visitors.get(v));
            }

            assertThat(files.found(connection, erasedKeys)).isEmpty();
            assertThat(files.found(connection, keptKeys)).hasSameSizeAs(keptKeys);
            assertThat(store.events().personalEventCount()).isEqualTo(5L * keptKeys.size());
        }
    }

    @Test
    void erase_whileASnapshotFromBeforeItIsOpen_waitsForItToEnd_soThatTheKeyStillLeavesTheFiles() throws Exception {
        String erased = "erased-visitor-71c3";
        storeVisitor(erased, "erased-customer-8a01");
        try (Connection connection = database.connect(); Connection reader = database.connect();
             ExecutorService pool = Executors.newSingleThreadExecutor()) {
            DatabaseFiles files = DatabaseFiles.of(connection);
            assumeTrue(files.readable(), "the database files cannot be read from here");
            byte[] key = dataKey(connection, erased);
            Future<?> ended = holdSnapshot(reader, pool, Duration.ofMillis(500));

            store.eraseVisitor(erased);

            assertThat(ended).isDone();
            assertThat(files.found(connection, List.of(key))).as("erased key").isEmpty();
        }
    }

    @Test
    void erase_whileASnapshotFromBeforeItStaysOpen_failsSayingSo_andErasingAgainAfterwardsCompletes() throws Exception {
        store.close();
        store = PostgresStore.open(database.options().withScrubTimeout(Duration.ofMillis(300)));
        String erased = "erased-visitor-2be9";
        storeVisitor(erased, "erased-customer-c7d4");
        try (Connection connection = database.connect(); Connection reader = database.connect();
             ExecutorService pool = Executors.newSingleThreadExecutor()) {
            DatabaseFiles files = DatabaseFiles.of(connection);
            assumeTrue(files.readable(), "the database files cannot be read from here");
            byte[] key = dataKey(connection, erased);
            Future<?> ended = holdSnapshot(reader, pool, Duration.ofSeconds(3));

            assertThatThrownBy(() -> store.eraseVisitor(erased)).hasMessageContaining("still open")
                    .hasMessageContaining("erasing the visitor again retries");
            assertThat(store.events().eventsOf(erased)).isEmpty();
            ended.get();
            store.eraseVisitor(erased);

            assertThat(files.found(connection, List.of(key))).as("erased key").isEmpty();
        }
    }

    /** Opens a REPEATABLE READ snapshot on {@code reader} now and ends it after {@code open} on the pool's thread. */
    private static Future<?> holdSnapshot(Connection reader, ExecutorService pool, Duration open) throws SQLException {
        reader.setAutoCommit(false);
        reader.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        TestDatabase.queryString(reader, "SELECT count(*) FROM subjects");
        return pool.submit(() -> {
            Thread.sleep(open);
            reader.commit();
            return null;
        });
    }

    @Test
    void erase_whileCommitsForTheSameVisitorRun_leavesNoRecordBehindWithoutItsKey() throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        Future<Integer> writer;
        try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
            writer = pool.submit(() -> {
                int committed = 0;
                for (int b = 0; b < 60; b++) {
                    List<Event> batch = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        batch.add(view("racer-" + b + "-" + i, "racer", "p" + i, T0.plusSeconds(b)));
                    }
                    committed += commitPersonal(batch.toArray(Event[]::new)).size();
                }
                writing.set(false);
                return committed;
            });
            int erasures = 0;
            while (writing.get() || erasures == 0) {
                store.eraseVisitor("racer");
                erasures++;
            }
            assertThat(writer.get()).isEqualTo(60 * 20);
        }

        store.eraseVisitor("racer");

        try (Connection connection = database.connect()) {
            assertThat(TestDatabase.queryLong(connection, "SELECT count(*) FROM events")).isZero();
            assertThat(TestDatabase.queryLong(connection, "SELECT count(*) FROM event_ids")).isZero();
        }
        assertThat(store.events().personalEventCount()).isZero();
    }

    // ---------------------------------------------------------------- durability

    @Test
    void open_refusesAConnectionWithSynchronousCommitOff() throws SQLException {
        String asyncUrl = TestDatabase.URL + "&options=-c%20synchronous_commit%3Doff";
        try (Connection connection = DriverManager.getConnection(asyncUrl)) {
            assertThat(TestDatabase.queryString(connection, "SHOW synchronous_commit")).isEqualTo("off");
        }

        assertThatThrownBy(() -> PostgresStore.open(PostgresOptions.of(asyncUrl).withSchema(database.schema())))
                .isInstanceOf(PostgresStoreException.class)
                .hasMessageContaining("synchronous_commit is off")
                .hasMessageContaining("Set synchronous_commit to on");
    }

    @Test
    void open_refusesARoleWhoseCommitsAreAsynchronous() throws SQLException {
        String role = database.schema() + "_async";
        try (Connection admin = DriverManager.getConnection(TestDatabase.URL)) {
            TestDatabase.execute(admin, "CREATE ROLE " + role + " LOGIN");
            TestDatabase.execute(admin, "ALTER ROLE " + role + " SET synchronous_commit = off");
            try {
                String url = TestDatabase.URL.replace("user=postgres", "user=" + role);
                assertThatThrownBy(() -> PostgresStore.open(PostgresOptions.of(url).withSchema(database.schema())))
                        .isInstanceOf(PostgresStoreException.class)
                        .hasMessageContaining("synchronous_commit is off");
            } finally {
                TestDatabase.execute(admin, "DROP ROLE " + role);
            }
        }
    }

    @Test
    void open_refusesASchemaMigratedByANewerGrat() throws SQLException {
        try (Connection connection = database.connect()) {
            TestDatabase.execute(connection, "INSERT INTO flyway_schema_history (installed_rank, version, "
                    + "description, type, script, checksum, installed_by, execution_time, success) "
                    + "VALUES (99, '99', 'from a newer grat', 'SQL', 'V99__from_a_newer_grat.sql', 0, 'test', 0, "
                    + "true)");
        }
        store.close();

        assertThatThrownBy(() -> PostgresStore.open(database.options()))
                .isInstanceOf(PostgresStoreException.class)
                .hasMessageContaining("99");
    }

    @Test
    void open_ofAnUnreachableServer_failsNamingTheUrlWithoutItsPassword() {
        PostgresOptions unreachable = PostgresOptions
                .of("jdbc:postgresql://127.0.0.1:1/test?user=grat&password=hunter2")
                .withConnectTimeout(Duration.ofMillis(500));

        assertThatThrownBy(() -> PostgresStore.open(unreachable))
                .isInstanceOf(PostgresStoreException.class)
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageNotContaining("hunter2");
    }

    // ---------------------------------------------------------------- several nodes, concurrency, throughput

    @Test
    void twoStoresOnOneSchema_shareRecordsAndStoreEachIdOnce() {
        try (PostgresStore otherNode = PostgresStore.open(database.options())) {
            commitPersonal(view("e1", "v1", "p1", T0));

            assertThat(otherNode.events().commit(new IngestBatch(List.of(view("e1", "v1", "p1", T0)),
                    List.of(view("e1", null, "p1", T0))))).isEmpty();
            assertThat(otherNode.events().eventsOf("v1")).extracting(Event::id).containsExactly("e1");
            assertThat(otherNode.eraseVisitor("v1").events()).isEqualTo(1);
            assertThat(store.events().eventsOf("v1")).isEmpty();
            assertThat(store.events().personalEventCount()).isZero();
        }
    }

    /** Also measures throughput; the rate is printed, never asserted. */
    @Test
    void commit_fromFourThreadsInBatchesOf200_storesEveryEventOnceInOrder() throws Exception {
        int threads = 4;
        int batches = 40;
        int size = 200;
        Set<String> added = ConcurrentHashMap.newKeySet();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    for (int b = 0; b < batches; b++) {
                        List<Event> batch = new ArrayList<>(size);
                        for (int i = 0; i < size; i++) {
                            String visitor = "visitor-" + (thread * 1000 + (b * size + i) % 500);
                            batch.add(view("t" + thread + "-b" + b + "-e" + i, visitor, "p" + i % 97,
                                    T0.plusMillis(b * 1000L + i)));
                        }
                        added.addAll(store.events().commit(new IngestBatch(batch, List.of())));
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int total = threads * batches * size;
        System.out.printf("PostgresStore: %d events, %d threads x batches of %d, %.2f s, %.0f events/s%n",
                total, threads, size, seconds, total / seconds);

        assertThat(added).hasSize(total);
        assertThat(store.events().personalEventCount()).isEqualTo(total);
        List<Event> ofOneVisitor = store.events().eventsOf("visitor-2007");
        assertThat(ofOneVisitor).hasSize(batches * size / 500).isSortedAccordingTo(
                Comparator.comparing(Event::timestamp));
    }

    private byte[] dataKey(Connection connection, String visitorId) throws SQLException {
        byte[] hashKey;
        try (PreparedStatement query = connection.prepareStatement("SELECT hash_key FROM store_secrets");
             ResultSet rows = query.executeQuery()) {
            rows.next();
            hashKey = rows.getBytes(1);
        }
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT data_key FROM subjects WHERE visitor_hash = ?")) {
            query.setBytes(1, new Blinder(hashKey).hash(Blinder.Domain.VISITOR, visitorId));
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).as("the subject of " + visitorId).isTrue();
                return rows.getBytes(1);
            }
        }
    }
}
