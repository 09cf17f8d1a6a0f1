package dev.grat.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** An event that was acknowledged is there after {@code kill -9} and a restart on the same data directory. */
class RestartTest {

    private static final String KEY = "sk_restart_test_0123456789abcdef";
    private static final int VISITORS = 8;
    private static final int BATCH = 50;
    private static final int BATCHES_BEFORE_KILL = 40;

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @TempDir
    Path logs;

    @Test
    void everyAcknowledgedEvent_survivesKill9DuringIngestion() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (ChildServer first = serve("first.log")) {
            int port = first.awaitListening();
            for (int v = 0; v < VISITORS; v++) {
                HttpResponse<String> consent = send(port, "PUT", "/v1/consent/" + visitor(v),
                        "{\"purposes\": {\"analytics\": true, \"personalization\": true}, \"source\": \"test\","
                                + " \"policyVersion\": \"1\"}");
                assertThat(consent.statusCode()).isEqualTo(200);
            }
            CountDownLatch enough = new CountDownLatch(BATCHES_BEFORE_KILL);
            AtomicReference<Throwable> senderEnd = new AtomicReference<>();
            Thread sender = Thread.ofVirtual().start(() -> sendUntilFailure(port, acknowledged, enough, senderEnd));
            enough.await();
            first.kill();
            sender.join();
            assertThat(senderEnd.get()).as("the sender stops because the server died").isInstanceOf(IOException.class);
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(BATCHES_BEFORE_KILL * BATCH);

        try (ChildServer second = serve("second.log")) {
            int port = second.awaitListening();
            Set<String> stored = new HashSet<>();
            for (int v = 0; v < VISITORS; v++) {
                JsonNode export = mapper.readTree(send(port, "GET", "/v1/privacy/" + visitor(v), null).body());
                export.get("events").forEach(event -> stored.add(event.get("id").textValue()));
            }
            assertThat(stored).containsAll(acknowledged);
        }
        assertThat(Files.readString(logs.resolve("second.log")))
                .as("SIGTERM stops the server through its shutdown hook")
                .contains("\"event\":\"server_stopped\"");
    }

    private void sendUntilFailure(int port, Set<String> acknowledged, CountDownLatch enough,
                                  AtomicReference<Throwable> end) {
        try {
            for (int b = 0; ; b++) {
                List<String> ids = new ArrayList<>();
                StringBuilder body = new StringBuilder("{\"events\": [");
                for (int i = 0; i < BATCH; i++) {
                    String id = "evt-" + b + "-" + i;
                    ids.add(id);
                    body.append(i == 0 ? "" : ",").append("""
                            {"id": "%s", "type": "product_view", "visitorId": "%s", "channel": "web",
                             "timestamp": "%s", "itemId": "item-%d"}""".formatted(id, visitor(i % VISITORS),
                            Instant.now().minus(1, ChronoUnit.MINUTES), i % 13));
                }
                HttpResponse<String> response = send(port, "POST", "/v1/events", body.append("]}").toString());
                JsonNode result = mapper.readTree(response.body());
                if (response.statusCode() != 200 || result.get("accepted").intValue() != BATCH) {
                    throw new AssertionError("a batch was not accepted whole: " + response.body());
                }
                acknowledged.addAll(ids);
                enough.countDown();
            }
        } catch (Throwable t) {
            end.set(t);
        }
    }

    private ChildServer serve(String logName) {
        return ChildServer.start(Map.of("GRAT_SECRET_KEY", KEY), logs.resolve(logName),
                "serve", "--port", "0", "--data", dataDir.toString());
    }

    private HttpResponse<String> send(int port, String method, String path, String json)
            throws IOException, InterruptedException {
        return ChildServer.send(client, port, KEY, method, path, json);
    }

    private static String visitor(int index) {
        return "restart-visitor-" + index;
    }
}
