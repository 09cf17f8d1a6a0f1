package dev.grat.store.sqlite;

import dev.grat.store.DeadLetterStoreContract;
import dev.grat.store.Store;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
