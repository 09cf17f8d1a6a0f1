package dev.grat.store.postgres;

import dev.grat.event.Channel;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.store.AnonymousTally;
import dev.grat.store.IngestBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Work alongside a store call (cluster mode's outbox row) commits with the call's transaction, or not at all. */
class PostgresAlongsideTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private final TestDatabase database = new TestDatabase();
    private final PostgresStore store = PostgresStore.open(database.options());

    @AfterEach
    void dropSchema() {
        store.close();
        database.dropSchema();
    }

    @Test
    void workAlongsideAWrite_commitsWithIt_andSeesWhatTheWriteReturns() throws SQLException {
        List<Object> seen = new ArrayList<>();

        boolean ran = store.writeAlongside((connection, result) -> {
            seen.add(result);
            outboxRow(connection);
        }, () -> store.events().commit(new IngestBatch(List.of(), List.of(view("a1")))));

        assertThat(ran).isTrue();
        assertThat(seen).containsExactly(Set.of("a1"));
        assertThat(outboxRows()).isEqualTo(1);
    }

    @Test
    void aFailureAlongside_rollsTheWriteBack() throws SQLException {
        assertThatThrownBy(() -> store.writeAlongside((connection, result) -> {
            outboxRow(connection);
            throw new SQLException("the outbox is full");
        }, () -> store.events().commit(new IngestBatch(List.of(), List.of(view("b1"))))))
                .hasMessageContaining("the outbox is full");

        assertThat(outboxRows()).isZero();
        List<AnonymousTally> tallies = new ArrayList<>();
        store.events().forEachTally(tallies::add);
        assertThat(tallies).isEmpty();
        // The id was never stored, so the same event is new now.
        assertThat(store.events().commit(new IngestBatch(List.of(), List.of(view("b1"))))).containsExactly("b1");
    }

    @Test
    void workAlongsideARead_seesTheSnapshotOfTheRead() {
        List<Object> seen = new ArrayList<>();
        store.events().commit(new IngestBatch(List.of(), List.of(view("c1"))));

        boolean ran = store.readAlongside((connection, result) -> seen.add(connection.getTransactionIsolation()),
                () -> store.events().forEachTally(tally -> { }));

        assertThat(ran).isTrue();
        assertThat(seen).containsExactly(Connection.TRANSACTION_REPEATABLE_READ);
    }

    @Test
    void aCallThatWritesNothing_runsNothingAlongside() {
        List<Object> seen = new ArrayList<>();

        boolean ran = store.writeAlongside((connection, result) -> seen.add(result),
                () -> store.events().commit(new IngestBatch(List.of(), List.of())));

        assertThat(ran).isFalse();
        assertThat(seen).isEmpty();
    }

    private static void outboxRow(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO cluster_outbox (payload) VALUES (?)")) {
            insert.setBytes(1, new byte[] {1});
            insert.executeUpdate();
        }
    }

    private long outboxRows() throws SQLException {
        try (Connection connection = database.connect()) {
            return TestDatabase.queryLong(connection, "SELECT count(*) FROM cluster_outbox");
        }
    }

    private static Event view(String id) {
        return new Event(id, EventType.PRODUCT_VIEW, null, null, Channel.WEB, T0, "item-1", null, null, List.of(),
                null, null, Map.of());
    }
}
