package dev.grat.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grat.Grat;
import dev.grat.cluster.kafka.KafkaForTests;
import dev.grat.server.config.ServerConfig;
import dev.grat.server.http.GratServer;
import dev.grat.server.http.WireJson;
import dev.grat.server.log.JsonLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real servers in cluster mode on loopback, wired as {@code ./grat serve --store ... --kafka ...} wires them
 * ({@link Engines}), sharing the machine's PostgreSQL (a fresh schema) and a Kafka broker in this JVM: what one
 * server is told over HTTP, the other answers with.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterServersTest {

    private static final String POSTGRES = System.getProperty("grat.test.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    private static final String SECRET = "sk_test_0123456789abcdefghijklmn";
    private static final String PUBLISHABLE = "pk_test_0123456789abcdefghijklmn";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String schema = "grat_http_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(5));
    private final List<AutoCloseable> open = new ArrayList<>();
    @RegisterExtension
    static final KafkaForTests KAFKA = new KafkaForTests();

    @AfterAll
    void stopEverything() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
        try (Connection connection = DriverManager.getConnection(POSTGRES);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void whatServerAIsToldOverHttp_serverBAnswersWith(@TempDir Path a, @TempDir Path b) throws Exception {
        String keys = "k1:" + Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
        GratServer serverA = start(a, keys);
        GratServer serverB = start(b, keys);
        assertThat(put(serverA, "/v1/items", WireJson.catalog()).statusCode()).isEqualTo(200);
        for (String visitor : List.of("ann", "bob", "cid")) {
            assertThat(put(serverA, "/v1/consent/" + visitor, WireJson.consent(true, true, false)).statusCode())
                    .isEqualTo(200);
        }
        await("B has A's consents", () -> json(get(serverB, "/v1/consent/cid")).path("purposes")
                .path("personalization").booleanValue());

        // Three visitors view shoe-1 and then jacket-2 on A: B recommends jacket-2 next to shoe-1.
        List<String> events = new ArrayList<>();
        for (String visitor : List.of("ann", "bob", "cid")) {
            events.add(WireJson.productView(visitor + "-1", visitor, "shoe-1"));
            events.add(WireJson.productView(visitor + "-2", visitor, "jacket-2"));
        }
        assertThat(post(serverA, "/v1/events", WireJson.batch(events)).statusCode()).isEqualTo(200);
        await("B recommends jacket-2 on shoe-1's page", () -> firstRecommendation(serverB, "shoe-1")
                .equals("jacket-2"));
        await("B holds ann's profile", () -> json(get(serverB, "/v1/privacy/ann")).path("profile").isObject());

        assertThat(delete(serverA, "/v1/privacy/ann").statusCode()).isEqualTo(200);

        await("B's export of ann is empty", () -> {
            JsonNode export = json(get(serverB, "/v1/privacy/ann"));
            return export.path("events").isEmpty() && !export.path("profile").isObject();
        });
        JsonNode export = json(get(serverB, "/v1/privacy/ann"));
        assertThat(export.path("events")).isEmpty();
        assertThat(export.path("identityLinks")).isEmpty();
    }

    private GratServer start(Path dataDir, String pseudonymKeys) {
        ServerConfig config = ServerConfig.builder().port(0).dataDir(dataDir)
                .store(POSTGRES + "&currentSchema=" + schema).kafka(KAFKA.bootstrapServers())
                .secretKey(SECRET).publishableKey(PUBLISHABLE).pseudonymKeys(pseudonymKeys).build();
        // One broker: replication 1 only because the test says so; a fresh topic per run.
        Grat grat = Engines.open(config, Clock.systemUTC(), options -> options.withTopic("grat." + schema)
                .withPartitions(3).withReplication(1, 1).withPollEvery(Duration.ofMillis(200))
                .withOutboxStaleAfter(Duration.ofSeconds(2)));
        open.add(grat);
        GratServer server = GratServer.start(grat, config, new JsonLog(new PrintStream(OutputStream.nullOutputStream()),
                ServerConfig.LogLevel.INFO, Clock.systemUTC()));
        open.add(server::close);
        return server;
    }

    private String firstRecommendation(GratServer server, String item) {
        JsonNode items = json(get(server, "/v1/recommendations?slot=product&item=" + item + "&n=3")).path("items");
        return items.isEmpty() ? "" : items.get(0).path("id").asText();
    }

    private HttpResponse<String> get(GratServer server, String path) {
        return send(request(server, path).GET());
    }

    private HttpResponse<String> delete(GratServer server, String path) {
        return send(request(server, path).DELETE());
    }

    private HttpResponse<String> put(GratServer server, String path, String body) {
        return send(request(server, path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> post(GratServer server, String path, String body) {
        return send(request(server, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpRequest.Builder request(GratServer server, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + SECRET);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (status " + response.statusCode() + "): " + response.body(), e);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + PATIENCE.toSeconds() + " s: " + what);
            }
            Thread.sleep(100);
        }
    }
}
