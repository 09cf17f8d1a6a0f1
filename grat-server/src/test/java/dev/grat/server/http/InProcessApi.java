package dev.grat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grat.Grat;
import dev.grat.server.config.RateLimits;
import dev.grat.server.config.ServerConfig;
import dev.grat.server.log.JsonLog;
import dev.grat.store.InMemoryStore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The server's whole request path (keys, rate limits, routes, JSON, engine, errors, headers) without a socket, over
 * an in-memory store: thousands of requests a second, for the fuzz and property tests. A slot {@value #SLOT} is
 * configured for decisions. Every request runs on its own thread with a deadline, so that a hang is a failure.
 */
final class InProcessApi implements AutoCloseable {

    static final String SECRET = RunningServer.SECRET_KEY;
    static final String PUBLISHABLE = RunningServer.PUBLISHABLE_KEY;
    static final String ORIGIN = RunningServer.SHOP_ORIGIN;
    static final String SLOT = "fuzz-slot";
    static final Duration DEADLINE = Duration.ofSeconds(20);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Grat grat;
    private final Dispatcher dispatcher;
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    /** The answer to one request. */
    record Answer(int status, Map<String, List<String>> headers, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + text(), e);
            }
        }
    }

    InProcessApi(Path dataDir) {
        this.grat = Grat.builder().store(new InMemoryStore()).build();
        ServerConfig config = RunningServer.defaults().dataDir(dataDir).rateLimits(RateLimits.off()).build();
        JsonLog log = new JsonLog(new PrintStream(logBytes, true, StandardCharsets.UTF_8), ServerConfig.LogLevel.INFO,
                Clock.systemUTC());
        this.dispatcher = GratServer.dispatcher(grat, config, log, System::nanoTime);
        Answer slot = send("PUT", "/v1/slots/" + SLOT + "/policy", secretJson(), "{\"policy\": \"linucb\"}");
        if (slot.status() != 200) {
            throw new IllegalStateException("cannot configure the fuzz slot: " + slot.text());
        }
    }

    static Map<String, String> secretJson() {
        return Map.of("Authorization", "Bearer " + SECRET, "Content-Type", "application/json");
    }

    static Map<String, String> browserJson() {
        return Map.of("Authorization", "Bearer " + PUBLISHABLE, "Origin", ORIGIN, "Content-Type", "application/json");
    }

    Answer send(String method, String target, Map<String, String> headers, String body) {
        return send(method, target, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends a request; empty when {@code target} is not a request target the JDK's server would accept (it refuses
     * those before any of Grat's code runs).
     */
    Optional<Answer> trySend(String method, String target, Map<String, String> headers, byte[] body) {
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        FakeExchange exchange = new FakeExchange(method, uri, headers, body, "203.0.113.9");
        Future<?> run = threads.submit(() -> {
            dispatcher.handle(exchange);
            return null;
        });
        try {
            run.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            run.cancel(true);
            throw new AssertionError("no answer within " + DEADLINE + ": " + method + " " + target, e);
        } catch (ExecutionException e) {
            throw new AssertionError("the dispatcher threw instead of answering: " + method + " " + target, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Map<String, List<String>> answerHeaders = Map.copyOf(exchange.getResponseHeaders());
        return Optional.of(new Answer(exchange.status(), answerHeaders, exchange.body()));
    }

    Answer send(String method, String target, Map<String, String> headers, byte[] body) {
        return trySend(method, target, headers, body)
                .orElseThrow(() -> new IllegalArgumentException("not a request target: " + target));
    }

    /** What the server logged (info and above): a {@code request_failed} line is an unexpected exception. */
    String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    Grat grat() {
        return grat;
    }

    @Override
    public void close() {
        threads.shutdownNow();
        grat.close();
    }
}
