package dev.grat.server.cli;

import dev.grat.server.cli.KillLoopClient.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.grat.server.cli.KillLoopClient.BATCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * {@code kill -9} of the server process during sustained load, again and again, on the same data directory: after
 * every restart each acknowledged event is there, and once the batches that were in flight at a kill are re-sent
 * (the client cannot know whether they arrived), the set of acknowledged ids equals the set stored, each id once.
 * 5 rounds by default; {@code -Dgrat.kill.rounds=50} for a longer run (docs/BENCHMARKS.md).
 */
class KillLoopTest {

    private static final String KEY = "sk_kill_loop_test_0123456789abcdef";
    private static final int ROUNDS = Integer.getInteger("grat.kill.rounds", 5);
    private static final int SENDERS = 4;

    private final KillLoopClient load = new KillLoopClient(KEY, "kill", Duration.ZERO,
            (id, i) -> new Event(i % 13, false));

    @TempDir
    Path dataDir;

    @TempDir
    Path logs;

    @Test
    void acknowledgedIdsEqualStoredIds_afterRepeatedKill9UnderLoad() {
        // Generous per round, so that only a hang (a child that never listens) trips it.
        assertTimeoutPreemptively(Duration.ofSeconds(120 + 60L * ROUNDS), this::killAndRestartUnderLoad);
    }

    private void killAndRestartUnderLoad() throws Exception {
        Random random = new Random(7);
        for (int round = 0; round < ROUNDS; round++) {
            try (ChildServer server = serve("round-" + round + ".log")) {
                int port = server.awaitListening();
                if (round == 0) {
                    load.grantConsent(port);
                } else {
                    assertThat(new HashSet<>(load.storedIdList(port))).as("after kill %d", round)
                            .containsAll(load.acknowledged());
                }
                CountDownLatch enough = new CountDownLatch(10 + random.nextInt(30));
                List<Thread> senders = load.startSenders(port, SENDERS, enough);
                assertThat(enough.await(60, TimeUnit.SECONDS)).as("round %d got its batches", round).isTrue();
                server.kill();
                for (Thread sender : senders) {
                    sender.join();
                }
                assertThat(load.senderFailures()).as("sender failures in round %d", round).isEmpty();
            }
        }
        try (ChildServer last = serve("last.log")) {
            int port = last.awaitListening();
            load.resendUnanswered(port);
            List<String> stored = load.storedIdList(port);
            assertThat(stored).doesNotHaveDuplicates();
            assertThat(new HashSet<>(stored)).isEqualTo(load.acknowledged());
            assertThat(load.acknowledged()).hasSizeGreaterThanOrEqualTo(ROUNDS * 10 * BATCH);
            System.out.printf("kill loop: %d rounds of kill -9, %d acknowledged ids, all stored once%n", ROUNDS,
                    load.acknowledged().size());
        }
    }

    private ChildServer serve(String logName) {
        return ChildServer.start(Map.of("GRAT_SECRET_KEY", KEY), logs.resolve(logName),
                "serve", "--port", "0", "--data", dataDir.toString());
    }
}
