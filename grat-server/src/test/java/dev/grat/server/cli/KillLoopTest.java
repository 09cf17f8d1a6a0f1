package dev.grat.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
    private static final int VISITORS = 8;
    private static final int SENDERS = 4;
    private static final int BATCH = 25;

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<List<String>> unanswered = new ConcurrentLinkedQueue<>();
    private final AtomicInteger nextBatch = new AtomicInteger();

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
                    grantConsent(port);
                } else {
                    assertThat(storedIds(port)).as("after kill %d", round).containsAll(acknowledged);
                }
                CountDownLatch enough = new CountDownLatch(10 + random.nextInt(30));
                List<Thread> senders = new ArrayList<>();
                for (int s = 0; s < SENDERS; s++) {
                    senders.add(Thread.ofVirtual().start(() -> sendUntilDown(port, enough)));
                }
                assertThat(enough.await(60, TimeUnit.SECONDS)).as("round %d got its batches", round).isTrue();
                server.kill();
                for (Thread sender : senders) {
                    sender.join();
                }
            }
        }
        try (ChildServer last = serve("last.log")) {
            int port = last.awaitListening();
            resendUnanswered(port);
            List<String> stored = storedIdList(port);
            assertThat(stored).doesNotHaveDuplicates();
            assertThat(new HashSet<>(stored)).isEqualTo(acknowledged);
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ROUNDS * 10 * BATCH);
            System.out.printf("kill loop: %d rounds of kill -9, %d acknowledged ids, all stored once%n", ROUNDS,
                    acknowledged.size());
        }
    }

    /** Sends batches until the server dies; a batch that got no answer is kept to be sent again. */
    private void sendUntilDown(int port, CountDownLatch enough) {
        while (true) {
            List<String> ids = unanswered.poll();
            if (ids == null) {
                ids = newBatch();
            }
            try {
                send(port, ids);
                enough.countDown();
            } catch (IOException | InterruptedException down) {
                unanswered.add(ids);
                return;
            }
        }
    }

    private void resendUnanswered(int port) throws IOException, InterruptedException {
        List<String> ids;
        while ((ids = unanswered.poll()) != null) {
            send(port, ids);
        }
    }

    private void send(int port, List<String> ids) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder("{\"events\": [");
        Instant at = Instant.now().minus(1, ChronoUnit.MINUTES);
        for (int i = 0; i < ids.size(); i++) {
            body.append(i == 0 ? "" : ",").append("""
                    {"id": "%s", "type": "product_view", "visitorId": "%s", "channel": "web",
                     "timestamp": "%s", "itemId": "item-%d"}""".formatted(ids.get(i), visitor(i % VISITORS), at,
                    i % 13));
        }
        HttpResponse<String> response = request(port, "POST", "/v1/events", body.append("]}").toString());
        JsonNode result = mapper.readTree(response.body());
        if (response.statusCode() != 200 || result.get("accepted").intValue() != ids.size()) {
            throw new AssertionError("a batch was not accepted whole: " + response.body());
        }
        acknowledged.addAll(ids);
    }

    private List<String> newBatch() {
        int b = nextBatch.getAndIncrement();
        List<String> ids = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            ids.add("kill-" + b + "-" + i);
        }
        return ids;
    }

    private void grantConsent(int port) throws IOException, InterruptedException {
        for (int v = 0; v < VISITORS; v++) {
            assertThat(request(port, "PUT", "/v1/consent/" + visitor(v), "{\"purposes\": {\"analytics\": true,"
                    + " \"personalization\": true}, \"source\": \"test\", \"policyVersion\": \"1\"}").statusCode())
                    .isEqualTo(200);
        }
    }

    private Set<String> storedIds(int port) throws IOException, InterruptedException {
        return new HashSet<>(storedIdList(port));
    }

    private List<String> storedIdList(int port) throws IOException, InterruptedException {
        List<String> stored = new ArrayList<>();
        for (int v = 0; v < VISITORS; v++) {
            JsonNode export = mapper.readTree(request(port, "GET", "/v1/privacy/" + visitor(v), null).body());
            export.get("events").forEach(event -> stored.add(event.get("id").textValue()));
        }
        return stored;
    }

    private ChildServer serve(String logName) {
        return ChildServer.start(Map.of("GRAT_SECRET_KEY", KEY), logs.resolve(logName),
                "serve", "--port", "0", "--data", dataDir.toString());
    }

    private HttpResponse<String> request(int port, String method, String path, String json)
            throws IOException, InterruptedException {
        return ChildServer.send(client, port, KEY, method, path, json);
    }

    private static String visitor(int index) {
        return "kill-visitor-" + index;
    }
}
