package dev.grat.server.http;

import com.sun.net.httpserver.HttpServer;
import dev.grat.Grat;
import dev.grat.server.config.ServerConfig;
import dev.grat.server.json.WireFormat;
import dev.grat.server.log.JsonLog;
import dev.grat.server.metrics.ServerMetrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The HTTP API over a {@link Grat} engine: the JDK's HTTP server, one virtual thread per request, at most
 * {@code max.in.flight} of them handled at once ({@link AdmissionControl}: past the bounds, 429), every route in
 * one table ({@code Routes}). The server does not own the engine: closing the server leaves the engine open.
 *
 * <pre>{@code
 * try (GratServer server = GratServer.start(grat, config)) {
 *     System.out.println("listening on port " + server.port());
 *     ...
 * }
 * }</pre>
 */
public final class GratServer implements AutoCloseable {

    /** How long {@link #close()} waits for requests in flight to finish. */
    public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private final HttpServer server;
    private final ExecutorService executor;
    private final JsonLog log;
    private final AdmissionControl admission;

    private GratServer(HttpServer server, ExecutorService executor, JsonLog log, AdmissionControl admission) {
        this.server = server;
        this.executor = executor;
        this.log = log;
        this.admission = admission;
    }

    /**
     * Starts serving on {@code config.port()} (0: a free port) with a log to standard error.
     *
     * @throws IllegalArgumentException when the config cannot serve (no secret key, a key too short, a placeholder
     *                                  or too uniform key, or the same key for both)
     * @throws UncheckedIOException     when the port cannot be bound
     */
    public static GratServer start(Grat grat, ServerConfig config) {
        return start(grat, config, JsonLog.toStandardError(config.logLevel()));
    }

    /** Starts serving, logging to {@code log}. */
    public static GratServer start(Grat grat, ServerConfig config, JsonLog log) {
        Dispatcher dispatcher = dispatcher(grat, config, log, System::nanoTime);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(config.port()), 0);
        } catch (IOException e) {
            executor.shutdown();
            throw new UncheckedIOException("cannot listen on port " + config.port() + ": " + e.getMessage(), e);
        }
        AdmissionControl admission = new AdmissionControl(dispatcher, config.admission(), dispatcher.metrics(),
                WireFormat.defaultMapper());
        server.createContext("/", admission);
        server.setExecutor(executor);
        server.start();
        log.info("server_started", Map.of("port", server.getAddress().getPort()));
        return new GratServer(server, executor, log, admission);
    }

    /**
     * Everything that answers a request, without the socket: what {@link #start} serves, and what the fuzz tests
     * drive directly. Refuses a config that cannot serve (no, short, weak or shared keys).
     *
     * @param nanoTime the monotonic clock of the rate limits
     */
    static Dispatcher dispatcher(Grat grat, ServerConfig config, JsonLog log, LongSupplier nanoTime) {
        Objects.requireNonNull(grat, "grat");
        List<String> problems = config.problemsForServing();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        WireFormat wire = new WireFormat(WireFormat.defaultMapper());
        ServerMetrics metrics = new ServerMetrics();
        Cors cors = new Cors(config.allowedOrigins());
        Authorizer authorizer = new Authorizer(config.secretKey().orElseThrow(), config.publishableKey(), cors);
        return new Dispatcher(Routes.table(grat, wire, metrics, config), authorizer, cors,
                new ErrorResponses(wire, log), metrics, log, wire.mapper(), config.maxBodyBytes(),
                new RateLimiter(config.rateLimits(), nanoTime),
                new ClientAddresses(config.rateLimits().trustedProxies()));
    }

    /** The port the server listens on (the chosen one when the config said 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Requests holding a place of admission now (for tests that must know when the server is full). */
    int inFlight() {
        return admission.inFlight();
    }

    /**
     * Stops accepting connections, waits up to {@link #DRAIN_TIMEOUT} for requests in flight to be answered,
     * then stops.
     */
    @Override
    public void close() {
        server.stop((int) DRAIN_TIMEOUT.toSeconds());
        executor.shutdown();
        try {
            if (!executor.awaitTermination(DRAIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        log.info("server_stopped", Map.of());
    }
}
