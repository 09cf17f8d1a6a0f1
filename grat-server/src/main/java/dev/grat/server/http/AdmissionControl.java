package dev.grat.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.grat.server.config.Admission;
import dev.grat.server.metrics.ServerMetrics;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the work in the server ({@link Admission}): a request is handled only with one of {@code maxInFlight}
 * places; without one it waits, up to {@code maxWait} and only while fewer than {@code maxQueued} wait; otherwise
 * it is answered at once with 429, {@code Retry-After} and a JSON body, before its body is read. So memory grows
 * with the bounds, never with the load, and a client learns at once to come back instead of timing out. The health
 * check skips the line, so that a load balancer still sees a busy node as alive.
 */
final class AdmissionControl implements HttpHandler {

    static final String HEALTH_PATH = "/health";
    /** What an overloaded server asks for: long enough for a queue to drain, short enough to lose little time. */
    static final long RETRY_AFTER_SECONDS = 1;
    /** Metric labels come from a fixed vocabulary, never from input. */
    private static final java.util.Set<String> METHODS = java.util.Set.of("GET", "HEAD", "POST", "PUT", "DELETE",
            "OPTIONS", "PATCH");

    private final HttpHandler next;
    private final Admission limits;
    private final Semaphore places;
    private final AtomicInteger waiting = new AtomicInteger();
    private final ServerMetrics metrics;
    private final ObjectMapper mapper;

    AdmissionControl(HttpHandler next, Admission limits, ServerMetrics metrics, ObjectMapper mapper) {
        this.next = next;
        this.limits = limits;
        this.places = new Semaphore(limits.maxInFlight());
        this.metrics = metrics;
        this.mapper = mapper;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (HEALTH_PATH.equals(exchange.getRequestURI().getRawPath())) {
            next.handle(exchange);
            return;
        }
        long started = System.nanoTime();
        if (!enter()) {
            refuse(exchange, started);
            return;
        }
        try {
            next.handle(exchange);
        } finally {
            places.release();
        }
    }

    /** Requests being handled now (for tests and the metrics). */
    int inFlight() {
        return limits.maxInFlight() - places.availablePermits();
    }

    private boolean enter() {
        if (places.tryAcquire()) {
            return true;
        }
        if (waiting.incrementAndGet() > limits.maxQueued()) {
            waiting.decrementAndGet();
            return false;
        }
        try {
            return places.tryAcquire(limits.maxWait().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiting.decrementAndGet();
        }
    }

    private void refuse(HttpExchange exchange, long started) throws IOException {
        ObjectNode body = mapper.createObjectNode();
        body.put("error", "the server is at capacity (" + limits.maxInFlight() + " requests in flight, "
                + limits.maxQueued() + " waiting); retry after " + RETRY_AFTER_SECONDS + " s");
        body.put("limit", "capacity");
        body.put("retryAfterSeconds", RETRY_AFTER_SECONDS);
        Response response = Response.json(mapper, 429, body)
                .withHeaders(Map.of("Retry-After", Long.toString(RETRY_AFTER_SECONDS)));
        try (exchange) {
            // The body is not read (a slow client would hold the thread): the answer goes out at once and the
            // connection is closed after it, instead of being kept alive with an unread body on it.
            SecurityHeaders.forResponse(response, Map.of()).forEach(exchange.getResponseHeaders()::set);
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.sendResponseHeaders(429, response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        } finally {
            metrics.overloaded();
            String method = exchange.getRequestMethod();
            metrics.requestCompleted(METHODS.contains(method) ? method : "OTHER", "overloaded", 429,
                    System.nanoTime() - started);
        }
    }
}
