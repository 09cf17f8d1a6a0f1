package dev.grat.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grat.Grat;
import dev.grat.MovingClock;
import dev.grat.recommend.ModelService;
import dev.grat.server.config.ServerConfig;
import dev.grat.server.http.GratServer;
import dev.grat.server.log.JsonLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proof the privacy issue asks for: after a realistic history (events on several channels, linked devices,
 * a decision and its reward, a trained model, a retention run, a restart), erasing one customer leaves none of their
 * identifiers, e-mail address or search text in any byte under the data directory, in the server's log or in what
 * the server hands out, while the other visitors' data stays. Runs the real composition root ({@link Engines}) and
 * the real server, with a clock the test moves.
 */
class ErasureProofTest {

    private static final String SECRET_KEY = "sk_proof_" + "q8T2mZ4vR7xK1nB5wC3yL6pH";
    private static final String EMAIL = "Alice.Proof@Example.com";
    private static final List<String> ALICE = List.of("v-alice-web-7f3k2", "v-alice-app-9q2m8", "v-alice-mail-4z8x1");
    private static final String ALICE_QUERY = "alice-secret-query-3141";
    private static final String ALICE_OLD_QUERY = "alice-old-query-2718";
    private static final String BOB = "v-bob-web-5t1r6";
    private static final String BOB_QUERY = "bob-query-1618";
    private static final String CAROL = "v-carol-app-8w6y3";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dataDir;

    private final MovingClock clock = new MovingClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private final HttpClient http = HttpClient.newHttpClient();
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private Grat grat;
    private GratServer server;
    private int trainedUsers;

    @Test
    void erasingACustomer_leavesNoByteOfThem_anywhere_whileOthersStayIntact() throws Exception {
        start();
        buildHistory();
        HttpResponse<String> retention = post("/v1/privacy/retention/run", "{}");
        assertThat(retention.statusCode()).as(retention.body()).isEqualTo(200);
        assertThat(dataFilesContain(ALICE_OLD_QUERY)).as("the retention run removed the expired search").isFalse();
        stop();

        start();
        String pseudonym = grat.pseudonymOf(EMAIL);
        List<String> decisionIds = decisionIdsOf(ALICE.getFirst());
        assertThat(decisionIds).isNotEmpty();
        assertThat(dataFilesContain(ALICE.getFirst())).as("before erasure the history is on disk").isTrue();

        clock.advance(Duration.ofSeconds(1));
        Instant erasedAt = clock.instant();
        HttpResponse<String> erased = send(request("/v1/privacy/customers/"
                + URLEncoder.encode(EMAIL, StandardCharsets.UTF_8)).DELETE().build());
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat(json(erased).get("receipts").findValuesAsText("visitorId")).containsExactlyInAnyOrderElementsOf(ALICE);
        awaitRetrainingAfter(erasedAt);

        List<String> needles = new ArrayList<>(ALICE);
        needles.addAll(List.of(EMAIL, EMAIL.toLowerCase(), sha256Hex(EMAIL), sha256Hex(EMAIL.toLowerCase()), pseudonym,
                ALICE_QUERY, ALICE_OLD_QUERY));
        needles.addAll(decisionIds);
        String exported = exportedState();
        assertNoNeedle(needles, exported);
        assertThat(exported).as("the other visitors' data is still served").contains(BOB);
        stop();

        assertNoNeedle(needles, "");
        start();
        // The store seals personal records (crypto-shredding), so the others' ids and queries are not in its files
        // in clear: read them back instead.
        HttpResponse<String> bobsData = get("/v1/privacy/" + BOB);
        assertThat(json(bobsData).get("events").size()).isGreaterThanOrEqualTo(3);
        assertThat(bobsData.body()).contains(BOB_QUERY);
        assertThat(json(get("/v1/privacy/" + CAROL)).get("events").size()).isGreaterThanOrEqualTo(6);
        stop();
    }

    private void buildHistory() {
        assertThat(put("/v1/items", catalog()).statusCode()).isEqualTo(200);
        assertThat(put("/v1/slots/home-offer/policy", "{\"policy\": \"linucb\", \"dimension\": 32}").statusCode())
                .isEqualTo(200);
        for (String visitor : visitors()) {
            HttpResponse<String> consent = put("/v1/consent/" + visitor, """
                    {"purposes": {"analytics": true, "personalization": true, "marketing": true}, "source": "banner",
                     "policyVersion": "2026-11", "text": "We personalize the shop with what you view and buy."}""");
            assertThat(consent.statusCode()).as(consent.body()).isEqualTo(200);
        }
        track(List.of(search("old-a", ALICE.getFirst(), ALICE_OLD_QUERY), search("old-b", BOB, "bob-old-query")));
        clock.advance(Duration.ofDays(100));

        List<String> events = new ArrayList<>();
        String[] items = {"shoe-1", "shoe-2", "shoe-3", "sock-1", "jacket-1", "jacket-2"};
        for (int i = 0; i < items.length; i++) {
            events.add(view("a-web-" + i, ALICE.get(0), EMAIL, "web", items[i]));
            events.add(view("a-app-" + i, ALICE.get(1), EMAIL, "app", items[(i + 2) % items.length]));
            events.add(view("b-" + i, BOB, null, "web", items[(i + 1) % items.length]));
            events.add(view("c-" + i, CAROL, null, "app", items[(i + 3) % items.length]));
        }
        events.add(event("a-mail-open", "email_open", ALICE.get(2), EMAIL, "email", null));
        events.add(event("a-mail-click", "email_click", ALICE.get(2), EMAIL, "email", "jacket-1"));
        events.add(search("a-search", ALICE.get(0), ALICE_QUERY));
        events.add(search("b-search", BOB, BOB_QUERY));
        events.add(purchase("a-buy", ALICE.get(1), EMAIL, "sock-1"));
        events.add(purchase("b-buy", BOB, null, "shoe-2"));
        track(events);

        for (String visitor : List.of(ALICE.getFirst(), BOB)) {
            HttpResponse<String> decision = post("/v1/decisions", """
                    {"visitorId": "%s", "slot": "home-offer", "candidates": [
                      {"id": "offer-a", "features": {"discount": 0.1}}, {"id": "offer-b", "features": {"discount": 0.2}},
                      {"id": "offer-c", "features": {"discount": 0.3}}],
                     "context": {"channel": "web", "deviceClass": "mobile"}}""".formatted(visitor));
            assertThat(decision.statusCode()).as(decision.body()).isEqualTo(200);
            String decisionId = json(decision).get("decisionId").textValue();
            track(List.of("""
                    {"id": "click-%s", "type": "offer_click", "visitorId": "%s", "channel": "web", "timestamp": "%s",
                     "decisionId": "%s"}""".formatted(visitor, visitor, now(), decisionId)));
        }
        assertThat(get("/v1/privacy/" + ALICE.getFirst()).statusCode()).isEqualTo(200);
        assertThat(get("/v1/recommendations?visitorId=" + ALICE.getFirst() + "&n=4").statusCode()).isEqualTo(200);
        trainedUsers = grat.trainModel().users();
    }

    private static List<String> visitors() {
        List<String> all = new ArrayList<>(ALICE);
        all.addAll(List.of(BOB, CAROL));
        return all;
    }

    private List<String> decisionIdsOf(String visitorId) {
        List<String> ids = new ArrayList<>();
        json(get("/v1/privacy/" + visitorId)).path("decisions").forEach(d -> ids.add(d.path("decisionId").asText()));
        ids.removeIf(String::isEmpty);
        return ids;
    }

    /** The retraining an erasure starts in the background (the trainer checks every few seconds). */
    private void awaitRetrainingAfter(Instant erasedAt) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ModelService.TrainingReport> last = grat.lastTraining();
            if (last.isPresent() && !last.get().startedAt().isBefore(erasedAt)) {
                assertThat(last.get().users()).as("users in the retrained model").isLessThan(trainedUsers);
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the model was not retrained within 120 s of the erasure");
    }

    /** What the running server hands out about everybody: metrics, dashboard, report, audit log, others' exports. */
    private String exportedState() {
        StringBuilder all = new StringBuilder();
        for (String path : List.of("/metrics", "/v1/dashboard", "/v1/privacy/report", "/v1/audit?limit=1000",
                "/v1/privacy/" + BOB, "/v1/privacy/" + CAROL, "/v1/recommendations?visitorId=" + BOB + "&n=6",
                "/v1/consent/ledger/verify")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
            all.append(response.body()).append('\n');
        }
        return all.append(logBytes.toString(StandardCharsets.UTF_8)).toString();
    }

    private void assertNoNeedle(List<String> needles, String exported) throws IOException {
        for (String needle : needles) {
            assertThat(dataFilesContaining(needle)).as("files under the data directory holding " + needle).isEmpty();
            assertThat(exported).as("exported state").doesNotContain(needle);
        }
    }

    private boolean dataFilesContain(String needle) throws IOException {
        return !dataFilesContaining(needle).isEmpty();
    }

    /** Every file under the data directory whose bytes hold the needle in UTF-8 or UTF-16. */
    private List<Path> dataFilesContaining(String needle) throws IOException {
        List<byte[]> patterns = List.of(needle.getBytes(StandardCharsets.UTF_8),
                needle.getBytes(StandardCharsets.UTF_16LE), needle.getBytes(StandardCharsets.UTF_16BE));
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(Files::isRegularFile).filter(file -> {
                byte[] bytes = read(file);
                return patterns.stream().anyMatch(p -> indexOf(bytes, p) >= 0);
            }).toList();
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void start() {
        ServerConfig config = ServerConfig.builder().port(0).dataDir(dataDir).secretKey(SECRET_KEY).build();
        grat = Engines.open(config, clock);
        JsonLog log = new JsonLog(new PrintStream(logBytes, true, StandardCharsets.UTF_8), ServerConfig.LogLevel.DEBUG,
                Clock.systemUTC());
        server = GratServer.start(grat, config, log);
    }

    private void stop() {
        server.close();
        grat.close();
    }

    private String now() {
        return clock.instant().minusSeconds(1).toString();
    }

    private String view(String id, String visitor, String customer, String channel, String item) {
        return event(id, "product_view", visitor, customer, channel, item);
    }

    private String event(String id, String type, String visitor, String customer, String channel, String item) {
        return """
                {"id": "%s", "type": "%s", "visitorId": "%s", %s"channel": "%s", "timestamp": "%s"%s}""".formatted(
                id, type, visitor, customer == null ? "" : "\"customerId\": \"" + customer + "\", ", channel, now(),
                item == null ? "" : ", \"itemId\": \"" + item + "\"");
    }

    private String search(String id, String visitor, String query) {
        return """
                {"id": "%s", "type": "search", "visitorId": "%s", "channel": "web", "timestamp": "%s", "query": "%s"}"""
                .formatted(id, visitor, now(), query);
    }

    private String purchase(String id, String visitor, String customer, String item) {
        return """
                {"id": "%s", "type": "purchase", "visitorId": "%s", %s"channel": "shop", "timestamp": "%s",
                 "items": [{"itemId": "%s", "quantity": 1, "price": 9.00}], "currency": "EUR"}""".formatted(id, visitor,
                customer == null ? "" : "\"customerId\": \"" + customer + "\", ", now(), item);
    }

    private void track(List<String> events) {
        HttpResponse<String> response = post("/v1/events", "{\"events\": [" + String.join(",", events) + "]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).path("rejected").size()).as(response.body()).isZero();
    }

    private static String catalog() {
        return """
                {"items": [
                  {"id": "shoe-1", "title": "Trail Runner", "category": "Women/Shoes", "brand": "Alpina", "price": 89.00},
                  {"id": "shoe-2", "title": "City Sneaker", "category": "Women/Shoes", "brand": "Alpina", "price": 59.00},
                  {"id": "shoe-3", "title": "Court Classic", "category": "Women/Shoes", "brand": "Bravo", "price": 69.00},
                  {"id": "sock-1", "title": "Wool Socks", "category": "Women/Socks", "brand": "Alpina", "price": 9.00},
                  {"id": "jacket-1", "title": "Rain Jacket", "category": "Men/Jackets", "brand": "Nordic", "price": 149.00},
                  {"id": "jacket-2", "title": "Down Jacket", "category": "Men/Jackets", "brand": "Nordic", "price": 229.00}
                ]}""";
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + SECRET_KEY);
    }

    private HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    private HttpResponse<String> post(String path, String body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> put(String path, String body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (status " + response.statusCode() + "): " + response.body(), e);
        }
    }
}
