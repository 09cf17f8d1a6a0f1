package dev.grat.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grat.consent.ConsentChain;
import dev.grat.consent.ConsentEntry;
import dev.grat.consent.Purpose;
import dev.grat.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code grat consent verify} checks the ledger a server left in the data directory. */
class ConsentCommandTest {

    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Main(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private void threeEntries() {
        SplittableRandom salts = new SplittableRandom(3);
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            for (int i = 1; i <= 3; i++) {
                store.consents().append(new ConsentEntry("v" + i, Set.of(Purpose.NECESSARY),
                        Instant.parse("2026-03-01T10:00:00Z"), "banner", "p", false), ConsentChain.newSalt(salts));
            }
        }
    }

    @Test
    void intactLedger_exitsZeroAndPrintsTheHead() {
        threeEntries();

        int exit = run("consent", "verify", "--data", dataDir.toString());

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("3 entries checked").contains("head hash: ")
                .contains("valid");
    }

    @Test
    void tamperedLedger_exitsOneNamingTheEntry_alsoAsJson() throws SQLException, IOException {
        threeEntries();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("grat.db"));
             Statement statement = connection.createStatement()) {
            // Entries are sealed: put entry 1's sealed content into row 2.
            statement.execute("UPDATE consent_entries SET payload = (SELECT payload FROM consent_entries WHERE seq = 1) "
                    + "WHERE seq = 2");
        }

        int exit = run("consent", "verify", "--data", dataDir.toString(), "--json");

        assertThat(exit).isEqualTo(Main.FAILED);
        JsonNode report = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(report.get("valid").booleanValue()).isFalse();
        assertThat(report.at("/firstBroken/sequence").longValue()).isEqualTo(2);
        assertThat(report.at("/firstBroken/problem").textValue()).isEqualTo("hash mismatch");
    }

    @Test
    void withoutTheSubcommand_isAUsageError() {
        assertThat(run("consent")).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("consent verify");
    }
}
