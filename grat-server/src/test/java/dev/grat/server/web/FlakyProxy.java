package dev.grat.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A flaky network between the browser and Grat: an HTTP proxy on 127.0.0.1 that forwards every request to
 * Grat, and for {@code POST /v1/events} loses answers on a fixed schedule <em>after</em> Grat has stored the
 * batch (the worst case for duplicates: the browser cannot know the events arrived), or loses the request
 * itself (the worst case for losses). It can also go down
 * (the port refuses connections) and come back on the same port. It records every events batch it forwarded.
 */
final class FlakyProxy implements AutoCloseable {

    /** What happens to one events request and its answer. */
    enum Fault {
        /** Grat's answer goes back to the browser. */
        NONE,
        /** The connection is closed without any answer, as when a mobile connection drops. */
        CLOSE_WITHOUT_ANSWER,
        /** A {@code 503} goes back instead of Grat's answer, as from an overloaded load balancer. */
        SERVICE_UNAVAILABLE,
        /** The request never reaches Grat and the connection is closed: the batch is lost on the way. */
        NOT_DELIVERED
    }

    /**
     * One events request as it was forwarded.
     *
     * @param number     the how-manieth events request (from 1)
     * @param gratStatus Grat's status code, 0 when the request was not delivered
     * @param eventIds   the ids of the events in the batch, in order
     * @param duplicates how many of them Grat reported as already stored
     */
    record Batch(int number, Fault fault, int gratStatus, List<String> eventIds, int duplicates) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String EVENTS = "/v1/events";
    /** Hop-by-hop and length headers: the client and the server each set their own. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "keep-alive", "content-length",
            "transfer-encoding", "expect", "upgrade", "proxy-connection", "te", "trailer");

    private final URI target;
    private final int port;
    private final HttpClient client;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Batch> batches = new ArrayList<>();
    private List<Fault> schedule = List.of(Fault.NONE);
    private int eventsRequests;
    private HttpServer server;

    private FlakyProxy(URI target) {
        this.target = target;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        this.server = listen(0);
        this.port = server.getAddress().getPort();
    }

    /** Starts a proxy to {@code target} that forwards everything faithfully until told otherwise. */
    static FlakyProxy start(URI target) {
        return new FlakyProxy(target);
    }

    /** The proxy's base URL, for the snippet's {@code src}. */
    URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * From the next events request on, applies the faults in turn, cycling: {@code [NONE, CLOSE_WITHOUT_ANSWER]}
     * loses the answer of every second request.
     */
    synchronized void faults(List<Fault> cycle) {
        if (cycle.isEmpty()) {
            throw new IllegalArgumentException("cycle: needs at least one fault (NONE for a faithful proxy)");
        }
        schedule = List.copyOf(cycle);
        eventsRequests = 0;
    }

    /** Stops listening: connections to the port are refused until {@link #comeBack()}. */
    synchronized void goDown() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Listens again on the same port. */
    synchronized void comeBack() {
        if (server == null) {
            server = listen(port);
        }
    }

    /** Every events request so far (forwarded to Grat or not), in order. */
    synchronized List<Batch> batches() {
        return List.copyOf(batches);
    }

    @Override
    public synchronized void close() {
        goDown();
        executor.shutdownNow();
        client.close();
    }

    private HttpServer listen(int onPort) {
        try {
            HttpServer listening = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
            listening.createContext("/", this::handle);
            listening.setExecutor(executor);
            listening.start();
            return listening;
        } catch (IOException e) {
            throw new UncheckedIOException("the flaky proxy cannot listen on port " + onPort, e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            boolean events = exchange.getRequestMethod().equals("POST")
                    && exchange.getRequestURI().getPath().equals(EVENTS);
            Fault fault = events ? nextFault() : Fault.NONE;
            if (fault == Fault.NOT_DELIVERED) {
                recordBatch(fault, body, 0, 0);
                return;
            }
            HttpResponse<byte[]> answer = forward(exchange, body);
            if (events) {
                recordBatch(fault, body, answer.statusCode(), duplicates(answer));
            }
            switch (fault) {
                case NONE -> reply(exchange, answer, answer.statusCode(), answer.body());
                case SERVICE_UNAVAILABLE -> reply(exchange, answer, 503,
                        "{\"error\": \"flaky proxy: service unavailable\"}".getBytes(StandardCharsets.UTF_8));
                case CLOSE_WITHOUT_ANSWER, NOT_DELIVERED -> {
                    // Closing an exchange that sent no headers closes its connection: the browser gets no answer.
                }
            }
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .timeout(Duration.ofSeconds(20))
                .method(exchange.getRequestMethod(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding to Grat", e);
        }
    }

    private synchronized Fault nextFault() {
        Fault fault = schedule.get(eventsRequests % schedule.size());
        eventsRequests += 1;
        return fault;
    }

    private synchronized void recordBatch(Fault fault, byte[] body, int gratStatus, int duplicates)
            throws IOException {
        List<String> ids = new ArrayList<>();
        MAPPER.readTree(body).path("events").forEach(event -> ids.add(event.path("id").asText()));
        batches.add(new Batch(batches.size() + 1, fault, gratStatus, ids, duplicates));
    }

    private static int duplicates(HttpResponse<byte[]> answer) throws IOException {
        return answer.statusCode() / 100 == 2 ? MAPPER.readTree(answer.body()).path("duplicates").asInt() : 0;
    }

    private static void reply(HttpExchange exchange, HttpResponse<byte[]> answer, int status, byte[] body)
            throws IOException {
        answer.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        // A fresh connection per request: a lost answer then reaches the page as a failure instead of being
        // retried by the browser on another pooled connection.
        exchange.getResponseHeaders().set("Connection", "close");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
