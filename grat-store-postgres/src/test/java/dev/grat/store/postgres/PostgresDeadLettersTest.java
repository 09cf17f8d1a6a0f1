package dev.grat.store.postgres;

import dev.grat.store.DeadLetterStoreContract;
import dev.grat.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresDeadLettersTest extends DeadLetterStoreContract {

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

    @Test
    void aLetterNamingAVisitor_isSealedInTheTable() throws SQLException {
        String secret = "dead-letter-secret-2b8e";
        store.deadLetters().add(List.of(letter("sealed-visitor", T0, "{\"note\":\"" + secret + "\"}"),
                letter(null, T0, "{\"note\":\"plain\"}")));

        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT subject_id IS NOT NULL, record FROM dead_letters ORDER BY id")) {
            rows.next();
            assertThat(rows.getBoolean(1)).isTrue();
            assertThat(new String(rows.getBytes(2), StandardCharsets.ISO_8859_1)).doesNotContain(secret)
                    .doesNotContain("sealed-visitor");
            rows.next();
            assertThat(rows.getBoolean(1)).isFalse();
        }
    }
}
