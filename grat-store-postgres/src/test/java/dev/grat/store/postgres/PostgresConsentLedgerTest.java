package dev.grat.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.grat.consent.ConsentChain;
import dev.grat.consent.ConsentEntry;
import dev.grat.consent.LedgerRow;
import dev.grat.consent.LedgerVerification;
import dev.grat.consent.LedgerVerification.Problem;
import dev.grat.consent.LedgerVerifier;
import dev.grat.consent.Purpose;
import dev.grat.store.sealed.RecordCipher;
import dev.grat.store.sealed.RecordCodec;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Tampering with the ledger's rows directly in PostgreSQL is found, at the right entry; version-1 rows get chained. */
class PostgresConsentLedgerTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private final TestDatabase database = new TestDatabase();
    private final SplittableRandom salts = new SplittableRandom(11);

    @AfterEach
    void dropSchema() {
        database.dropSchema();
    }

    private void fiveEntries() {
        try (PostgresStore store = PostgresStore.open(database.options())) {
            for (int i = 1; i <= 5; i++) {
                store.consents().append(new ConsentEntry("v" + (i % 2), EnumSet.of(Purpose.NECESSARY),
                        T0.plusSeconds(i), "banner", "p" + i, false), ConsentChain.newSalt(salts));
            }
        }
    }

    private LedgerVerification verify() {
        try (PostgresStore store = PostgresStore.open(database.options())) {
            return LedgerVerifier.verify(store.consents());
        }
    }

    private void sql(String... statements) throws SQLException {
        try (Connection connection = database.connect()) {
            for (String sql : statements) {
                TestDatabase.execute(connection, sql);
            }
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
    void grantedPurposesResealedWithTheVisitorsKey_areAHashMismatch() throws SQLException {
        fiveEntries();
        // Someone with the database and its keys re-encrypts row 3 with more purposes: it still opens, but no
        // longer hashes to its stored hash.
        try (Connection connection = database.connect()) {
            Subject subject;
            byte[] payload;
            try (PreparedStatement query = connection.prepareStatement("SELECT s.subject_id, s.data_key, c.payload "
                    + "FROM consent_entries c JOIN subjects s ON s.subject_id = c.subject_id WHERE c.seq = 3");
                 ResultSet rows = query.executeQuery()) {
                rows.next();
                subject = new Subject(rows.getBytes(1), rows.getBytes(2));
                payload = rows.getBytes(3);
            }
            RecordCipher cipher = new RecordCipher(new SecureRandom());
            RecordCodec.SaltedConsent stored = RecordCodec.consent(cipher.open(subject, RecordCipher.Kind.CONSENT, payload));
            ConsentEntry e = stored.entry();
            ConsentEntry forged = new ConsentEntry(e.visitorId(), EnumSet.allOf(Purpose.class), e.recordedAt(),
                    e.source(), e.policyVersion(), e.globalPrivacyControl());
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE consent_entries SET payload = ? WHERE seq = 3")) {
                update.setBytes(1, cipher.seal(subject, RecordCipher.Kind.CONSENT, RecordCodec.consent(forged,
                        stored.salt())));
                update.executeUpdate();
            }
        }

        assertBrokenAt(verify(), 3, Problem.HASH_MISMATCH);
    }

    @Test
    void changedCiphertext_isReportedAsChanged() throws SQLException {
        fiveEntries();

        sql("UPDATE consent_entries SET payload = set_byte(payload, 20, (get_byte(payload, 20) + 1) % 256) WHERE seq = 4");

        assertBrokenAt(verify(), 4, Problem.HASH_MISMATCH);
    }

    @Test
    void deletedRow_isAGap() throws SQLException {
        fiveEntries();

        sql("DELETE FROM consent_entries WHERE seq = 2");

        assertBrokenAt(verify(), 2, Problem.GAP);
    }

    @Test
    void deletedLastRow_isAGapAgainstTheLockedHead() throws SQLException {
        fiveEntries();

        sql("DELETE FROM consent_entries WHERE seq = 5");

        assertBrokenAt(verify(), 5, Problem.GAP);
    }

    @Test
    void reorderedRows_breakAtTheFirstMovedOne() throws SQLException {
        fiveEntries();

        sql("UPDATE consent_entries SET seq = -4 WHERE seq = 4", "UPDATE consent_entries SET seq = 4 WHERE seq = 2",
                "UPDATE consent_entries SET seq = 2 WHERE seq = -4");

        assertBrokenAt(verify(), 2, Problem.BROKEN_LINK);
    }

    @Test
    void twoStoresOnOneSchema_appendOneChainWithoutGaps() throws Exception {
        try (PostgresStore a = PostgresStore.open(database.options());
             PostgresStore b = PostgresStore.open(database.options())) {
            List<Thread> threads = new ArrayList<>();
            for (PostgresStore store : List.of(a, b)) {
                threads.add(Thread.ofPlatform().start(() -> {
                    SplittableRandom random = new SplittableRandom(store == a ? 1 : 2);
                    for (int i = 0; i < 15; i++) {
                        store.consents().append(new ConsentEntry("n" + i, Set.of(Purpose.NECESSARY), T0, "banner",
                                "p", false), ConsentChain.newSalt(random));
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            LedgerVerification verification = LedgerVerifier.verify(a.consents());
            assertThat(verification.valid()).isTrue();
            assertThat(verification.entriesChecked()).isEqualTo(30);
        }
    }

    /** Schema version 1 (erasure deleted rows, so sequences have gaps) is chained in order when the store opens. */
    @Test
    void version1Rows_areChainedWhenTheStoreOpens() throws SQLException {
        Flyway.configure().dataSource(TestDatabase.URL, null, null).schemas(database.schema()).createSchemas(true)
                .locations("classpath:db/migration/postgres").target("1").loggers("slf4j").load().migrate();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestDatabase.URL);
        config.setSchema(database.schema());
        config.setAutoCommit(false);
        config.setMaximumPoolSize(2);
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            Database db = new Database(dataSource, "version 1");
            Keyring keyring = Keyring.load(db, new SecureRandom());
            insertVersion1(db, keyring, new ConsentEntry("v1", Set.of(Purpose.NECESSARY), T0, "banner", "p1", false));
            insertVersion1(db, keyring, new ConsentEntry("v2", Set.of(Purpose.NECESSARY, Purpose.ANALYTICS),
                    T0.plusSeconds(1), "banner", "p1", true));
            insertVersion1(db, keyring, new ConsentEntry("v1", Set.of(Purpose.NECESSARY, Purpose.MARKETING),
                    T0.plusSeconds(2), "account", "p2", false));
            db.write("erasing as version 1 did", c -> {
                TestDatabase.execute(c, "DELETE FROM consent_entries WHERE seq = 2");
                return null;
            });
        }

        try (PostgresStore store = PostgresStore.open(database.options())) {
            List<LedgerRow> rows = new ArrayList<>();
            store.consents().forEachInChain(rows::add);
            assertThat(rows).extracting(row -> row.link().sequence()).containsExactly(1L, 2L);
            assertThat(store.consents().history("v1")).extracting(ConsentEntry::source).containsExactly("banner", "account");
            LedgerVerification verification = LedgerVerifier.verify(store.consents());
            assertThat(verification.valid()).isTrue();
            assertThat(verification.entriesChecked()).isEqualTo(2);
        }
    }

    /** Writes a consent row as schema version 1 did: the payload ends after the GPC flag. */
    private static void insertVersion1(Database db, Keyring keyring, ConsentEntry entry) {
        byte[] current = RecordCodec.consent(entry, null);
        // The fields added in version 2: salt (null: 4 bytes), notice hash (null: 4 bytes), objected, restricted.
        byte[] version1 = Arrays.copyOf(current, current.length - 10);
        db.write("inserting a version-1 consent row", c -> {
            Subject subject = keyring.subjects().acquire(c, Set.of(entry.visitorId()), keyring.blinder())
                    .get(entry.visitorId());
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO consent_entries (subject_id, recorded_at, payload) VALUES (?, ?::timestamptz, ?)")) {
                insert.setBytes(1, subject.id());
                insert.setString(2, entry.recordedAt().toString());
                insert.setBytes(3, keyring.cipher().seal(subject, RecordCipher.Kind.CONSENT, version1));
                return insert.executeUpdate();
            }
        });
    }
}
