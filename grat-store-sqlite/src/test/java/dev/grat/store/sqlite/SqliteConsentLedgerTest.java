package dev.grat.store.sqlite;

import dev.grat.consent.ConsentChain;
import dev.grat.consent.ConsentEntry;
import dev.grat.consent.LedgerRow;
import dev.grat.consent.LedgerVerification;
import dev.grat.consent.LedgerVerification.Problem;
import dev.grat.consent.LedgerVerifier;
import dev.grat.consent.Purpose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Tampering with the ledger's rows directly in the database file is found, at the right entry. */
class SqliteConsentLedgerTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    @TempDir
    Path dataDir;

    private final SplittableRandom salts = new SplittableRandom(7);

    /** Five entries of two visitors, then the store is closed so that SQL can change the file. */
    private void fiveEntries() {
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            for (int i = 1; i <= 5; i++) {
                store.consents().append(new ConsentEntry("v" + (i % 2), EnumSet.of(Purpose.NECESSARY, Purpose.ANALYTICS),
                        T0.plusSeconds(i), "banner", "p" + i, false), ConsentChain.newSalt(salts));
            }
        }
    }

    private void sql(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("grat.db"));
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private LedgerVerification verify() {
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            return LedgerVerifier.verify(store.consents());
        }
    }

    private static void assertBrokenAt(LedgerVerification verification, long sequence, Problem problem) {
        assertThat(verification.valid()).isFalse();
        assertThat(verification.firstBreak()).hasValueSatisfying(broken -> {
            assertThat(broken.sequence()).isEqualTo(sequence);
            assertThat(broken.problem()).isEqualTo(problem);
        });
    }

    @Test
    void untouchedLedger_verifies() {
        fiveEntries();

        LedgerVerification verification = verify();

        assertThat(verification.valid()).isTrue();
        assertThat(verification.entriesChecked()).isEqualTo(5);
    }

    /** Rows are sealed: a changed byte no longer opens, and verification says where. */
    @Test
    void changedPayloadByte_isABreakAtThatRow() throws SQLException {
        fiveEntries();

        sql("UPDATE consent_entries SET payload = substr(payload, 1, 20) || "
                + "CASE WHEN substr(payload, 21, 1) = x'ff' THEN x'00' ELSE x'ff' END || substr(payload, 22) "
                + "WHERE seq = 3");

        LedgerVerification verification = verify();
        assertBrokenAt(verification, 3, Problem.HASH_MISMATCH);
        assertThat(verification.firstBreak().orElseThrow().detail()).contains("consent_entries.payload");
    }

    /** A payload sealed for the same visitor but moved from another row opens, and its content does not hash. */
    @Test
    void payloadCopiedFromAnotherRowOfTheVisitor_isAHashMismatchAtThatRow() throws SQLException {
        fiveEntries();

        sql("UPDATE consent_entries SET payload = (SELECT payload FROM consent_entries WHERE seq = 1) WHERE seq = 3");

        assertBrokenAt(verify(), 3, Problem.HASH_MISMATCH);
    }

    /** The visitor's hash is bound to the sealed payload: moving it to another visitor makes it unreadable. */
    @Test
    void payloadMovedToAnotherVisitor_isABreakAtThatRow() throws SQLException {
        fiveEntries();

        sql("UPDATE consent_entries SET payload = (SELECT payload FROM consent_entries WHERE seq = 1) WHERE seq = 2");

        assertBrokenAt(verify(), 2, Problem.HASH_MISMATCH);
    }

    @Test
    void deletedRow_isAGapAtItsSequence() throws SQLException {
        fiveEntries();

        sql("DELETE FROM consent_entries WHERE seq = 2");

        assertBrokenAt(verify(), 2, Problem.GAP);
    }

    @Test
    void deletedLastRow_isAGapAgainstTheRecordedHead() throws SQLException {
        fiveEntries();

        sql("DELETE FROM consent_entries WHERE seq = 5");

        assertBrokenAt(verify(), 5, Problem.GAP);
    }

    @Test
    void reorderedRows_breakAtTheFirstMovedOne() throws SQLException {
        fiveEntries();

        // Swap the sequence numbers of rows 2 and 4: the file now lists 4 (linked to 3) second.
        sql("UPDATE consent_entries SET seq = -4 WHERE seq = 4",
                "UPDATE consent_entries SET seq = 4 WHERE seq = 2",
                "UPDATE consent_entries SET seq = 2 WHERE seq = -4");

        assertBrokenAt(verify(), 2, Problem.BROKEN_LINK);
    }

    @Test
    void contentMovedBetweenRows_isAHashMismatchAtTheFirstOfThem() throws SQLException {
        fiveEntries();

        // Swap only the contents (salt included) of rows 2 and 4, keeping each row's chain columns.
        sql("CREATE TABLE swap AS SELECT * FROM consent_entries WHERE seq IN (2, 4)",
                "UPDATE consent_entries SET (visitor_hash, recorded_at, payload) = "
                        + "(SELECT visitor_hash, recorded_at, payload FROM swap "
                        + "WHERE swap.seq = 6 - consent_entries.seq) WHERE seq IN (2, 4)",
                "DROP TABLE swap");

        assertBrokenAt(verify(), 2, Problem.HASH_MISMATCH);
    }

    @Test
    void garbageInAColumn_isReportedNotThrown() throws SQLException {
        fiveEntries();

        sql("UPDATE consent_entries SET payload = x'00' WHERE seq = 1");

        LedgerVerification verification = verify();
        assertBrokenAt(verification, 1, Problem.HASH_MISMATCH);
        assertThat(verification.firstBreak().orElseThrow().detail()).contains("consent_entries.payload");
    }

    @Test
    void erasure_leavesRowsWithoutAnyPersonalColumn_andAValidChain() throws SQLException {
        fiveEntries();
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            assertThat(store.eraseVisitor("v1").consentEntries()).isEqualTo(3);
            assertThat(LedgerVerifier.verify(store.consents()).tombstones()).isEqualTo(3);
            assertThat(LedgerVerifier.verify(store.consents()).valid()).isTrue();
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("grat.db"));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM consent_entries WHERE "
                     + "visitor_hash IS NULL AND recorded_at IS NULL AND payload IS NULL AND hash IS NOT NULL")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(3);
        }
    }

    /** A database written by schema version 1 (erasure deleted rows, leaving gaps) is chained when opened. */
    @Test
    void version1Database_isMigratedWithItsEntriesChainedInOrder() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("grat.db"));
             Statement statement = connection.createStatement()) {
            for (String ddl : Schema.VERSION_1) {
                statement.execute(ddl);
            }
            statement.execute("INSERT INTO consent_entries (seq, visitor_id, granted, recorded_at, source, "
                    + "policy_version, global_privacy_control) VALUES "
                    + "(1, 'v1', '[\"necessary\"]', 1000, 'banner', 'p1', 0), "
                    + "(3, 'v2', '[\"necessary\",\"analytics\"]', 2000, 'banner', 'p1', 1), "
                    + "(7, 'v1', '[\"necessary\",\"personalization\"]', 3000, 'account', 'p2', 0)");
            statement.execute("PRAGMA user_version = 1");
        }

        try (SqliteStore store = SqliteStore.open(dataDir)) {
            List<LedgerRow> rows = new ArrayList<>();
            store.consents().forEachInChain(rows::add);
            assertThat(rows).extracting(row -> row.link().sequence()).containsExactly(1L, 2L, 3L);
            assertThat(rows).extracting(row -> row.entry().visitorId()).containsExactly("v1", "v2", "v1");
            assertThat(store.consents().history("v1")).extracting(ConsentEntry::granted)
                    .containsExactly(EnumSet.of(Purpose.NECESSARY), EnumSet.of(Purpose.NECESSARY, Purpose.PERSONALIZATION));
            assertThat(store.consents().history("v2").getFirst().globalPrivacyControl()).isTrue();
            LedgerVerification verification = LedgerVerifier.verify(store.consents());
            assertThat(verification.valid()).isTrue();
            assertThat(verification.entriesChecked()).isEqualTo(3);
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("grat.db"));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(Schema.CURRENT_VERSION);
        }
    }
}
