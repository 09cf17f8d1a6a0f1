package dev.grat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grat.EngineSettings;
import dev.grat.Grat;
import dev.grat.privacy.policy.DataPolicy;
import dev.grat.server.config.PolicyFile;
import dev.grat.server.config.ServerConfig;
import dev.grat.server.log.JsonLog;
import dev.grat.store.sqlite.SqliteStore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The real server on a free port over the embedded store in a temporary data directory, with an HTTP client:
 * what the integration tests talk to.
 */
public final class RunningServer implements AutoCloseable {

    public static final String SECRET_KEY = "sk_test_0123456789abcdefghijklmn";
    public static final String PUBLISHABLE_KEY = "pk_test_0123456789abcdefghijklmn";
    public static final String SHOP_ORIGIN = "https://shop.example";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public final Path dataDir;
    public final Grat grat;
    public final GratServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();

    private RunningServer(Path dataDir, ServerConfig config) {
        this.dataDir = dataDir;
        this.grat = Grat.builder()
                .store(SqliteStore.open(dataDir))
                .policy(config.policyFile().map(PolicyFile::load).orElseGet(DataPolicy::defaultPolicy))
                .settings(EngineSettings.defaults().withMaxBatchSize(config.maxBatchSize())
                        .withPopularityRefresh(Duration.ZERO))
                .build();
        JsonLog log = new JsonLog(new PrintStream(logBytes, true, StandardCharsets.UTF_8),
                ServerConfig.LogLevel.DEBUG, Clock.systemUTC());
        this.server = GratServer.start(grat, config, log);
    }

    /** A server with both keys, the shop's origin allowed, and default limits. */
    public static RunningServer start(Path dataDir) {
        return start(dataDir, defaults().build());
    }

    public static RunningServer start(Path dataDir, ServerConfig config) {
        // The server's own files (signing key, audit log) go to the test's directory, not ./grat-data of the module.
        ServerConfig.Builder builder = config.toBuilder().port(0);
        if (config.dataDir().equals(ServerConfig.DEFAULT_DATA_DIR)) {
            builder.dataDir(dataDir);
        }
        return new RunningServer(dataDir, builder.build());
    }

    /** The config {@link #start(Path)} uses, to change one setting. */
    public static ServerConfig.Builder defaults() {
        return ServerConfig.builder()
                .secretKey(SECRET_KEY)
                .publishableKey(PUBLISHABLE_KEY)
                .allowedOrigins(List.of(SHOP_ORIGIN));
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://localhost:" + server.port() + pathAndQuery);
    }

    /** A request builder for the path with the secret key set. */
    public HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + SECRET_KEY);
    }

    /** A request builder without any key. */
    public HttpRequest.Builder anonymousRequest(String pathAndQuery) {
        return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30));
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String pathAndQuery) {
        return send(request(pathAndQuery).GET().build());
    }

    public HttpResponse<String> delete(String pathAndQuery) {
        return send(request(pathAndQuery).DELETE().build());
    }

    public HttpResponse<String> postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> putJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Everything the server logged so far. */
    public String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (status " + response.statusCode() + "): " + response.body(), e);
        }
    }

    @Override
    public void close() {
        server.close();
        grat.close();
    }
}
