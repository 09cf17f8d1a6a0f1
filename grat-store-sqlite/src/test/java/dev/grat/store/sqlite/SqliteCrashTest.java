package dev.grat.store.sqlite;

import dev.grat.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SqliteCrashTest {

    @TempDir
    Path dataDir;

    @Test
    void acknowledgedCommits_surviveKillOfTheProcess() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                CommittingChild.class.getName(), dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        int lastAcked = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while (lastAcked < 30 && (line = out.readLine()) != null) {
                lastAcked = Integer.parseInt(line.substring("acked ".length()));
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
            child.waitFor();
        }

        assertThat(lastAcked).as("batches acknowledged before the kill").isGreaterThanOrEqualTo(30);
        Set<String> stored = new HashSet<>();
        try (SqliteStore reopened = SqliteStore.open(dataDir)) {
            reopened.events().forEachEvent(event -> stored.add(event.id()));
        }
        for (int batch = 0; batch <= lastAcked; batch++) {
            for (int i = 0; i < CommittingChild.EVENTS_PER_BATCH; i++) {
                assertThat(stored).contains(CommittingChild.eventId(batch, i));
            }
        }
    }
}
