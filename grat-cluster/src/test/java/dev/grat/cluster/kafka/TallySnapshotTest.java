package dev.grat.cluster.kafka;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TallySnapshotTest {

    @Test
    void seesTransactionsThatEndedBeforeIt_andNotThoseRunningOrLater() {
        TallySnapshot snapshot = TallySnapshot.parse("100:110:103,107");

        assertThat(snapshot.sees(99)).isTrue();
        assertThat(snapshot.sees(100)).isTrue();
        assertThat(snapshot.sees(103)).isFalse();
        assertThat(snapshot.sees(105)).isTrue();
        assertThat(snapshot.sees(107)).isFalse();
        assertThat(snapshot.sees(110)).isFalse();
        assertThat(snapshot.sees(111)).isFalse();
    }

    @Test
    void aSnapshotWithNothingRunning_parses() {
        assertThat(TallySnapshot.parse("5:5:")).isEqualTo(new TallySnapshot(5, 5, java.util.Set.of()));
    }

    @Test
    void textThatIsNoSnapshot_isRefused() {
        assertThatThrownBy(() -> TallySnapshot.parse("5:5")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5:5");
    }

    /** Decides as PostgreSQL does: a transaction running while the snapshot was taken is not seen, even once done. */
    @Test
    void agreesWithPostgresql_onATransactionRunningWhileTheSnapshotWasTaken() throws Exception {
        try (Connection writer = DriverManager.getConnection(TestNodes.URL);
             Connection reader = DriverManager.getConnection(TestNodes.URL)) {
            writer.setAutoCommit(false);
            long running = single(writer, "SELECT pg_current_xact_id()::text");
            long done = single(reader, "SELECT pg_current_xact_id()::text");
            TallySnapshot snapshot = TallySnapshot.parse(text(reader, "SELECT pg_current_snapshot()::text"));
            writer.commit();

            assertThat(snapshot.sees(running)).isFalse();
            assertThat(snapshot.sees(done)).isTrue();
            assertThat(snapshot.sees(single(reader, "SELECT pg_current_xact_id()::text"))).isFalse();
        }
    }

    private static long single(Connection connection, String sql) throws Exception {
        return Long.parseLong(text(connection, sql));
    }

    private static String text(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
