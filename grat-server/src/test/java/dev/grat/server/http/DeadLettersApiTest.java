package dev.grat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grat.EngineSettings;
import dev.grat.Grat;
import dev.grat.MovingClock;
import dev.grat.server.config.ServerConfig;
import dev.grat.server.log.JsonLog;
import dev.grat.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dead letters through the real server on the embedded store, with the engine on a clock the test moves: refused
 * events and unreadable bodies are kept with their reason, listed, replayed after a fix, erased with their visitor,
 * expired by retention, and the ingest counters always add up.
 */
class DeadLettersApiTest {

    private static final Instant START = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    Path dataDir;

    private final MovingClock clock = new MovingClock(START);
    private final HttpClient client = HttpClient.newHttpClient();
    private Grat grat;
    private GratServer server;

    @BeforeEach
    void start() {
        grat = Grat.builder().store(SqliteStore.open(dataDir)).clock(clock)
                .settings(EngineSettings.defaults().withPopularityRefresh(Duration.ZERO)).build();
        ServerConfig config = RunningServer.defaults().dataDir(dataDir).port(0).build();
        server = GratServer.start(grat, config, new JsonLog(new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), ServerConfig.LogLevel.INFO, Clock.systemUTC()));
        assertThat(send("PUT", "/v1/consent/v-ok", WireJson.consent(true, true, false)).statusCode()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        server.close();
        grat.close();
    }

    @Test
    void aMixedBatch_keepsEveryRefusedEventAndTheCountersAddUp() {
        String batch = WireJson.batch(List.of(
                event("ok-1", "v-ok", START.minusSeconds(60)),
                event("ok-2", "v-ok", START.minusSeconds(50)),
                "{\"id\": \"bad-shape\", \"type\": 42, \"visitorId\": \"v-bad\"}",
                event("future-1", "v-late", START.plus(1, ChronoUnit.DAYS)),
                event("ok-1", "v-ok", START.minusSeconds(60))));
        HttpResponse<String> answer = send("POST", "/v1/events", batch);
        HttpResponse<String> garbage = send("POST", "/v1/events", "{\"events\": [ not json");
        HttpResponse<String> wrongShape = send("POST", "/v1/events", "{\"evnts\": []}");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(RunningServer.json(answer).get("rejected")).hasSize(2);
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(wrongShape.statusCode()).isEqualTo(400);
        JsonNode letters = RunningServer.json(send("GET", "/v1/dead-letters", null)).get("deadLetters");
        assertThat(letters.findValuesAsText("kind")).containsExactly("event", "event", "body", "body");
        assertThat(letters.get(0).get("reason").asText()).contains("type");
        assertThat(letters.get(1).get("reason").asText()).contains("timestamp").contains("future");
        assertThat(letters.get(1).get("visitorId").asText()).isEqualTo("v-late");
        assertThat(letters.get(2).get("payload").asText()).isEqualTo("{\"events\": [ not json");
        // 5 events and 2 unreadable bodies were sent: 3 stored (one a duplicate), 4 kept as dead letters.
        Map<String, Long> counters = counters();
        assertThat(counters.get("grat_ingest_received_total")).isEqualTo(7);
        assertThat(counters.get("grat_ingest_stored_total")).isEqualTo(3);
        assertThat(counters.get("grat_ingest_duplicates_total")).isEqualTo(1);
        assertThat(counters.get("grat_ingest_dead_lettered_total")).isEqualTo(4);
        assertThat(counters.get("grat_ingest_rejected_total")).isZero();
        assertThat(counters.get("grat_ingest_received_total")).isEqualTo(counters.get("grat_ingest_stored_total")
                + counters.get("grat_ingest_dead_lettered_total") + counters.get("grat_ingest_rejected_total"));
    }

    @Test
    void replay_afterAFix_storesTheEventsThatNowPassAndKeepsTheOthersWithTheNewReason() {
        send("POST", "/v1/events", WireJson.batch(List.of(event("future-1", "v-ok", START.plus(1, ChronoUnit.HOURS)),
                "{\"id\": \"no-type\", \"visitorId\": \"v-ok\", \"channel\": \"web\"}")));
        List<Long> ids = RunningServer.json(send("GET", "/v1/dead-letters", null)).get("deadLetters")
                .findValues("id").stream().map(JsonNode::asLong).toList();

        clock.advance(Duration.ofHours(2));
        JsonNode replay = RunningServer.json(send("POST", "/v1/dead-letters/replay",
                "{\"ids\": [" + ids.get(0) + ", " + ids.get(1) + ", 987654]}"));

        assertThat(replay.get("replayed").get(0).asLong()).isEqualTo(ids.get(0));
        assertThat(replay.get("stillRefused").get(0).get("id").asLong()).isEqualTo(ids.get(1));
        assertThat(replay.get("stillRefused").get(0).get("reason").asText()).contains("type");
        assertThat(replay.get("unknown").get(0).asLong()).isEqualTo(987654);
        assertThat(grat.export("v-ok").events()).extracting(e -> e.id()).contains("future-1");
        JsonNode left = RunningServer.json(send("GET", "/v1/dead-letters", null)).get("deadLetters");
        assertThat(left.findValues("id")).extracting(JsonNode::asLong).containsExactly(ids.get(1));
    }

    @Test
    void list_pagesWithAfterAndLimit() {
        for (int i = 0; i < 3; i++) {
            send("POST", "/v1/events", "not json " + i);
        }
        JsonNode first = RunningServer.json(send("GET", "/v1/dead-letters?limit=2", null));
        JsonNode second = RunningServer.json(send("GET", "/v1/dead-letters?limit=2&after="
                + first.get("next").asLong(), null));

        assertThat(first.get("deadLetters").findValuesAsText("payload")).containsExactly("not json 0", "not json 1");
        assertThat(second.get("deadLetters").findValuesAsText("payload")).containsExactly("not json 2");
        assertThat(second.get("next").isNull()).isTrue();
        assertThat(send("GET", "/v1/dead-letters?limit=0", null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/v1/dead-letters?after=x", null).body()).contains("after");
    }

    @Test
    void theRoutes_needTheSecretKey() {
        HttpRequest withPublishable = HttpRequest.newBuilder(uri("/v1/dead-letters"))
                .header("Authorization", "Bearer " + RunningServer.PUBLISHABLE_KEY).build();

        assertThat(send(withPublishable).statusCode()).isIn(401, 403);
    }

    @Test
    void erasure_removesTheLettersNamingTheVisitor_andRetentionExpiresTheRest() {
        send("POST", "/v1/events", WireJson.batch(List.of(event("f-1", "v-erased", START.plus(1, ChronoUnit.DAYS)),
                event("f-2", "v-kept", START.plus(1, ChronoUnit.DAYS)))));
        send("POST", "/v1/events", "{\"events\": [{\"visitorId\": \"v-erased\"}], \"extra\": 1}");

        assertThat(send("DELETE", "/v1/privacy/v-erased", null).statusCode()).isEqualTo(200);
        JsonNode left = RunningServer.json(send("GET", "/v1/dead-letters", null)).get("deadLetters");
        assertThat(left.findValuesAsText("visitorId")).containsExactly("v-kept");

        clock.advance(DeadLetterOffice.DEFAULT_RETENTION.plusDays(1));
        grat.runRetention();
        assertThat(RunningServer.json(send("GET", "/v1/dead-letters", null)).get("deadLetters")).isEmpty();
    }

    private static String event(String id, String visitorId, Instant at) {
        return """
                {"id": "%s", "type": "product_view", "visitorId": "%s", "channel": "web", "timestamp": "%s",
                 "itemId": "shoe-1"}""".formatted(id, visitorId, at);
    }

    private Map<String, Long> counters() {
        String text = send("GET", "/metrics", null).body();
        Map<String, Long> values = new java.util.HashMap<>();
        Matcher matcher = Pattern.compile("(?m)^(grat_ingest_\\w+) (\\d+(?:\\.\\d+)?)$").matcher(text);
        while (matcher.find()) {
            values.put(matcher.group(1), (long) Double.parseDouble(matcher.group(2)));
        }
        return values;
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + server.port() + path);
    }

    private HttpResponse<String> send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + RunningServer.SECRET_KEY);
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
