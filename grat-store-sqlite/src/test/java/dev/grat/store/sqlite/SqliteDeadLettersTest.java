package dev.grat.store.sqlite;

import dev.grat.store.DeadLetter;
import dev.grat.store.DeadLetterStoreContract;
import dev.grat.store.Store;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SqliteDeadLettersTest extends DeadLetterStoreContract {

    @Override
    protected Store openStore(Path dir) {
        return SqliteStore.open(dir);
    }

    @Test
    void eraseVisitor_leavesNoByteOfTheVisitorsLettersInAnyFile() throws IOException {
        String secret = "dead-letter-secret-7f3a9c";
        store.deadLetters().add(List.of(letter("erased-visitor-5d1e", T0, "{\"note\":\"" + secret + "\"}")));

        store.eraseVisitor("erased-visitor-5d1e");

        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as(file.getFileName().toString()).doesNotContain(secret);
            }
        }
    }

    @Test
    void add_ofAVisitorsLetter_leavesNeitherTheVisitorIdNorThePayloadInTheDatabaseOrItsLog() {
        String visitor = "sealed-visitor-2b8e41";
        String secret = "sealed-letter-secret-c41d07";
        store.deadLetters().add(List.of(letter(visitor, T0, "{\"note\":\"" + secret + "\"}"),
                letter(null, T0, "{\"note\":\"letter-of-nobody-93ae\"}")));

        assertThat(dataDir.resolve(SqliteStore.DATABASE_FILE + "-wal")).isNotEmptyFile();
        assertThat(DataDirectoryScan.textsFound(dataDir, List.of(visitor, secret))).isEmpty();
        assertThat(DataDirectoryScan.textsFound(dataDir, List.of("letter-of-nobody-93ae")))
                .as("a letter that names nobody stays in clear").isNotEmpty();
        assertThat(store.deadLetters().list(0, 10)).extracting(DeadLetter::visitorId).containsExactly(visitor, null);
        assertThat(store.deadLetters().list(0, 10).getFirst().payload()).contains(secret);
    }

    /** A data directory of before sealed dead letters keeps its letters in clear; opening it seals them. */
    @Test
    void clearTableOfAnEarlierRelease_isSealedAtOpen_keepingItsLettersAndIds_andLeavingNoClearByte()
            throws SQLException {
        String visitor = "clear-visitor-6a0f13";
        String secret = "clear-letter-secret-81b4e2";
        store.close();
        writeClearTable(visitor, secret);

        store = openStore(dataDir);

        assertThat(store.deadLetters().list(0, 10)).containsExactly(
                new DeadLetter(1, T0, DeadLetter.Kind.EVENT, "type: is required", visitor, true, false,
                        "{\"note\":\"" + secret + "\"}"),
                new DeadLetter(2, T0.plusMillis(1), DeadLetter.Kind.BODY, "not JSON", null, false, true, "not json"));
        assertThat(DataDirectoryScan.textsFound(dataDir, List.of(visitor, secret))).isEmpty();
        assertThat(store.deadLetters().add(List.of(letter("v1", T0, "{}")))).extracting(DeadLetter::id)
                .as("the id of the removed letter 3 is not given again").containsExactly(4L);
        assertThat(store.deadLetters().eraseVisitor(visitor)).isEqualTo(1);
    }

    /** The table as the release before sealing created it, with letters 1 to 3 of which 3 was removed. */
    private void writeClearTable(String visitor, String secret) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:sqlite:" + dataDir.resolve(SqliteStore.DATABASE_FILE));
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE dead_letters");
            statement.execute("""
                    CREATE TABLE IF NOT EXISTS dead_letters (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      received_at INTEGER NOT NULL,
                      kind TEXT NOT NULL,
                      reason TEXT NOT NULL,
                      visitor_id TEXT,
                      gpc INTEGER NOT NULL,
                      truncated INTEGER NOT NULL,
                      payload TEXT NOT NULL)""");
            statement.execute("CREATE INDEX IF NOT EXISTS dead_letters_by_visitor ON dead_letters (visitor_id) "
                    + "WHERE visitor_id IS NOT NULL");
            statement.execute("CREATE INDEX IF NOT EXISTS dead_letters_by_time ON dead_letters (received_at)");
            statement.execute("INSERT INTO dead_letters (received_at, kind, reason, visitor_id, gpc, truncated, "
                    + "payload) VALUES (" + T0.toEpochMilli() + ", 'event', 'type: is required', '" + visitor
                    + "', 1, 0, '{\"note\":\"" + secret + "\"}')");
            statement.execute("INSERT INTO dead_letters (received_at, kind, reason, visitor_id, gpc, truncated, "
                    + "payload) VALUES (" + (T0.toEpochMilli() + 1) + ", 'body', 'not JSON', NULL, 0, 1, 'not json')");
            statement.execute("INSERT INTO dead_letters (received_at, kind, reason, visitor_id, gpc, truncated, "
                    + "payload) VALUES (" + T0.toEpochMilli() + ", 'event', 'replayed', 'v3', 0, 0, '{}')");
            statement.execute("DELETE FROM dead_letters WHERE id = 3");
        }
    }
}
