package dev.grat.store.sqlite;

import dev.grat.event.Channel;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.store.IngestBatch;
import dev.grat.store.Store;
import dev.grat.store.StoreContract;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteStoreTest extends StoreContract {

    @Override
    protected Store openStore(Path dir) {
        return SqliteStore.open(dir);
    }

    @Test
    void open_createsTheDirectoryAndADatabaseInWalModeWithASchemaVersion() throws SQLException {
        Path nested = dataDir.resolve("nested/data");
        SqliteStore.open(nested).close();

        assertThat(nested.resolve(SqliteStore.DATABASE_FILE)).isRegularFile();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + nested.resolve("grat.db"))) {
            assertThat(pragma(connection, "user_version")).isEqualTo(String.valueOf(Schema.CURRENT_VERSION));
            assertThat(pragma(connection, "journal_mode")).isEqualTo("wal");
        }
    }

    @Test
    void open_refusesADirectoryThatIsAlreadyOpen() {
        assertThatThrownBy(() -> SqliteStore.open(dataDir))
                .isInstanceOf(SqliteStoreException.class)
                .hasMessageContaining("already open");
    }

    @Test
    void open_refusesADatabaseWithANewerSchema() throws SQLException {
        Path other = dataDir.resolve("newer");
        SqliteStore.open(other).close();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + other.resolve("grat.db"));
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA user_version = 99");
        }

        assertThatThrownBy(() -> SqliteStore.open(other))
                .isInstanceOf(SqliteStoreException.class)
                .hasMessageContaining("schema version 99");
    }

    @Test
    void commit_ofAnInvalidEvent_failsWithTheColumnAndKeepsTheStoreUsable() {
        Event withoutVisitor = view("e1", null, "p1", T0);

        assertThatThrownBy(() -> commitPersonal(withoutVisitor))
                .isInstanceOf(SqliteStoreException.class)
                .hasMessageContaining("commit of 1 events")
                .hasMessageContaining("events.visitor_id");
        assertThat(commitPersonal(view("e2", "v1", "p1", T0))).containsExactly("e2");
        assertThat(store.events().personalEventCount()).isEqualTo(1);
    }

    @Test
    void commit_withInvalidBatchesAmongValidOnes_failsOnlyTheInvalidCallers() throws Exception {
        int validThreads = 4;
        int batches = 30;
        List<Future<Integer>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(validThreads + 1)) {
            for (int t = 0; t < validThreads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int b = 0; b < batches; b++) {
                        commitPersonal(view("t" + thread + "-" + b + "-a", "v" + thread, "p1", T0),
                                view("t" + thread + "-" + b + "-b", "v" + thread, "p2", T0));
                    }
                    return 0;
                }));
            }
            results.add(pool.submit(() -> {
                int failures = 0;
                for (int b = 0; b < batches; b++) {
                    try {
                        commitPersonal(view("bad-" + b, null, "p1", T0));
                    } catch (SqliteStoreException expected) {
                        failures++;
                    }
                }
                return failures;
            }));
            for (int t = 0; t < validThreads; t++) {
                results.get(t).get();
            }
            assertThat(results.get(validThreads).get()).isEqualTo(batches);
        }

        assertThat(store.events().personalEventCount()).isEqualTo(validThreads * batches * 2L);
        assertThat(allEvents()).hasSize(validThreads * batches * 2);
    }

    @Test
    void open_withNormalSync_keepsCommitsAcrossReopen() {
        Path other = dataDir.resolve("normal");
        SqliteOptions normal = SqliteOptions.defaults().withSynchronous(SqliteOptions.Synchronous.NORMAL);
        try (SqliteStore first = SqliteStore.open(other, normal)) {
            first.events().commit(new IngestBatch(List.of(view("e1", "v1", "p1", T0)), List.of()));
        }

        try (SqliteStore second = SqliteStore.open(other, normal)) {
            assertThat(second.events().eventsOf("v1")).extracting(Event::id).containsExactly("e1");
        }
    }

    @Test
    void close_commitsEveryWriteThatWasAcknowledged() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        CountDownLatch started = new CountDownLatch(4);
        List<Future<?>> writers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int t = 0; t < 4; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    started.countDown();
                    for (int b = 0; ; b++) {
                        List<Event> batch = new ArrayList<>();
                        for (int i = 0; i < 50; i++) {
                            batch.add(view("t" + thread + "-" + b + "-" + i, "v" + thread, "p" + i, T0));
                        }
                        try {
                            acknowledged.addAll(store.events().commit(new IngestBatch(batch, List.of())));
                        } catch (IllegalStateException closed) {
                            return;
                        }
                    }
                }));
            }
            started.await();
            while (acknowledged.size() < 1000) {
                Thread.onSpinWait();
            }
            store.close();
            for (Future<?> writer : writers) {
                writer.get();
            }
        }

        reopen();

        List<String> stored = allEvents().stream().map(Event::id).toList();
        assertThat(stored).containsAll(acknowledged);
    }

    @Test
    void anonymousEvents_leaveNoIdentifierOnDisk() {
        Event carelessAnonymous = Event.builder().id("a1").type(EventType.SEARCH).visitorId("anon-visitor-5d1e")
                .customerId("anon-customer-77aa").channel(Channel.WEB).timestamp(T0)
                .query("anon-query-0c3b").categoryId("Women").build();

        commitAnonymous(carelessAnonymous);

        assertThat(DataDirectoryScan.filesContaining(dataDir, "anon-visitor-5d1e")).isEmpty();
        assertThat(DataDirectoryScan.filesContaining(dataDir, "anon-customer-77aa")).isEmpty();
        assertThat(DataDirectoryScan.filesContaining(dataDir, "anon-query-0c3b")).isEmpty();
        assertThat(DataDirectoryScan.filesContaining(dataDir, "Women")).isNotEmpty();
    }

    @Test
    void erase_removesVisitorBytesFromDisk() {
        String erased = "erased-visitor-4f2a";
        String kept = "kept-visitor-9b7c";
        storeVisitor(erased, "erased-customer-31d0");
        storeVisitor(kept, "kept-customer-66e4");

        assertThat(store.eraseVisitor(erased).events()).isEqualTo(3);

        assertThat(DataDirectoryScan.filesContaining(dataDir, erased)).isEmpty();
        assertThat(DataDirectoryScan.filesContaining(dataDir, "erased-customer-31d0")).isEmpty();
        assertThat(DataDirectoryScan.filesContaining(dataDir, "query of " + erased)).isEmpty();
        // Sealed: the kept visitor is in no file in clear either, and still readable through the store.
        assertThat(DataDirectoryScan.textsFound(dataDir, List.of(kept, "kept-customer-66e4", "query of " + kept)))
                .isEmpty();
        assertThat(store.events().eventsOf(kept)).hasSize(3);
        assertThat(store.identities().linksOfCustomer("kept-customer-66e4")).isNotEmpty();
    }

    /**
     * Page splits and merges leave stale copies of moved rows in the unused gap of b-tree pages, where
     * secure_delete does not reach; with these seeded inserts, a few of the erased visitors would still be readable
     * in grat.db if erasure only deleted and truncated the log.
     */
    @Test
    void erase_afterHeavyChurn_leavesNoByteOfAnyErasedVisitor() {
        Random random = new Random(42);
        for (int round = 0; round < 40; round++) {
            List<Event> batch = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String visitor = churnVisitor(random.nextInt(1000));
                String padding = "z".repeat(random.nextInt(10) == 0 ? random.nextInt(3000) : random.nextInt(40));
                batch.add(Event.builder().id(visitor + "event-" + Long.toHexString(random.nextLong()))
                        .type(EventType.SEARCH).visitorId(visitor).customerId("customer-of-" + visitor)
                        .channel(Channel.WEB).timestamp(T0.plusSeconds(random.nextInt(100_000)))
                        .query("query-of-" + visitor + padding).itemId("p" + random.nextInt(100)).build());
            }
            commitPersonal(batch.toArray(Event[]::new));
        }
        List<String> erasedTexts = new ArrayList<>();
        for (int v = 0; v < 1000; v += 10) {
            store.eraseVisitor(churnVisitor(v));
            erasedTexts.add(churnVisitor(v));
            erasedTexts.add("customer-of-" + churnVisitor(v));
            erasedTexts.add("query-of-" + churnVisitor(v));
        }

        assertThat(DataDirectoryScan.textsFound(dataDir, erasedTexts)).isEmpty();
        assertThat(store.events().eventsOf(churnVisitor(1))).isNotEmpty()
                .allSatisfy(event -> assertThat(event.query()).startsWith("query-of-" + churnVisitor(1)));
    }

    private static String churnVisitor(int number) {
        return "churn-visitor-%03d-".formatted(number);
    }

    private static String pragma(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
