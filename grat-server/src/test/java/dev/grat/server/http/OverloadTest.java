package dev.grat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grat.server.config.Admission;
import dev.grat.server.config.RateLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server under more slow requests than it takes at once: the excess is answered at once with 429, a
 * {@code Retry-After} and a JSON body, never a 5xx; every acknowledged event is stored, and the refused ones are
 * stored once the client comes back.
 */
class OverloadTest {

    private static final int CLIENTS = 40;
    private static final String VISITOR = "overload-visitor";

    @TempDir
    Path dataDir;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void saturatedWithSlowRequests_refusesTheExcessWith429AndLosesNoAcknowledgedEvent() throws Exception {
        Admission small = new Admission(4, 4, Duration.ofMillis(200));
        try (RunningServer server = RunningServer.start(dataDir, RunningServer.defaults()
                .rateLimits(RateLimits.off()).admission(small).build())) {
            server.putJson("/v1/consent/" + VISITOR, WireJson.consent(true, true, false));
            List<HttpResponse<String>> answers = sendAll(server, slowly(Duration.ofMillis(800)));

            Set<String> acknowledged = new HashSet<>();
            List<String> refused = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                HttpResponse<String> answer = answers.get(i);
                assertThat(answer.statusCode()).as("answer %d: %s", i, answer.body()).isIn(200, 429);
                if (answer.statusCode() == 200) {
                    acknowledged.add(id(i));
                } else {
                    assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
                    JsonNode body = RunningServer.json(answer);
                    assertThat(body.get("limit").asText()).isEqualTo("capacity");
                    assertThat(body.get("error").asText()).contains("capacity");
                    refused.add(id(i));
                }
            }
            assertThat(refused).isNotEmpty();
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(4);
            assertThat(storedIds(server)).isEqualTo(acknowledged);
            assertThat(server.get("/metrics").body()).containsPattern("grat_http_overloaded_total [1-9]");

            Thread.sleep(1000);
            for (String id : refused) {
                assertThat(send(server, id, HttpRequest.BodyPublishers.ofString(batch(id))).statusCode())
                        .isEqualTo(200);
            }
            assertThat(storedIds(server)).hasSize(CLIENTS);
        }
    }

    @Test
    void theHealthCheck_answersWhileTheServerIsFull() throws Exception {
        Admission one = new Admission(1, 0, Duration.ZERO);
        try (RunningServer server = RunningServer.start(dataDir, RunningServer.defaults()
                .rateLimits(RateLimits.off()).admission(one).build())) {
            server.putJson("/v1/consent/" + VISITOR, WireJson.consent(true, true, false));
            byte[] body = batch(id(0)).getBytes(StandardCharsets.UTF_8);
            // A request's answer goes out before its handler gives back its place: with one place, the consent
            // request above may still hold it for a moment, and the held request below would then be refused.
            assertThat(inFlightWithin(server, 0, Duration.ofSeconds(10))).as("the server is idle").isTrue();
            try (Socket socket = new Socket("localhost", server.server.port())) {
                OutputStream out = socket.getOutputStream();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.UTF_8));
                out.write(("POST /v1/events HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                        + RunningServer.SECRET_KEY + "\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length + "\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                // 100 Continue: the exchange has begun and holds the only place until its body comes.
                assertThat(in.readLine()).isEqualTo("HTTP/1.1 100 Continue");

                // The server says 100 Continue before the exchange reaches admission: wait until it holds the place.
                assertThat(inFlightWithin(server, 1, Duration.ofSeconds(10))).as("the exchange holds the place").isTrue();
                assertThat(server.send(server.anonymousRequest("/health").GET().build()).statusCode())
                        .isEqualTo(200);
                assertThat(server.get("/v1/slots").statusCode()).isEqualTo(429);

                in.readLine();
                out.write(body);
                out.flush();
                String status;
                do {
                    status = in.readLine();
                } while (status != null && !status.startsWith("HTTP/1.1 2"));
                assertThat(status).isEqualTo("HTTP/1.1 200 OK");
            }
            assertThat(storedIds(server)).containsExactly(id(0));
        }
    }

    /** Whether {@code requests} hold places of admission within {@code patience}, looking every 10 ms. */
    private static boolean inFlightWithin(RunningServer server, int requests, Duration patience)
            throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (server.server.inFlight() == requests) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    private List<HttpResponse<String>> sendAll(RunningServer server,
                                               java.util.function.Function<String, HttpRequest.BodyPublisher> bodies)
            throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                String id = id(i);
                futures.add(threads.submit(() -> send(server, id, bodies.apply(id))));
            }
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> future : futures) {
                answers.add(future.get());
            }
            return answers;
        }
    }

    /**
     * A body whose first byte comes at once and the rest only after {@code delay}, so that its request holds its
     * place meanwhile. The first byte matters: without it the client may hold back the request's headers until the
     * body starts, and then every request arrives late and fast and none is refused.
     */
    private static java.util.function.Function<String, HttpRequest.BodyPublisher> slowly(Duration delay) {
        return id -> {
            byte[] body = batch(id).getBytes(StandardCharsets.UTF_8);
            return HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(java.util.Collections.enumeration(
                    List.of(new ByteArrayInputStream(body, 0, 1), pause(delay),
                            new ByteArrayInputStream(body, 1, body.length - 1)))));
        };
    }

    /** An empty stream whose first read waits {@code delay}. */
    private static InputStream pause(Duration delay) {
        return new InputStream() {
            private boolean waited;

            @Override
            public int read() throws IOException {
                if (!waited) {
                    waited = true;
                    try {
                        Thread.sleep(delay);
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                }
                return -1;
            }
        };
    }

    private HttpResponse<String> send(RunningServer server, String id, HttpRequest.BodyPublisher body)
            throws IOException, InterruptedException {
        HttpRequest request = server.request("/v1/events").header("Content-Type", "application/json")
                .POST(body).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Set<String> storedIds(RunningServer server) {
        return new HashSet<>(RunningServer.json(server.get("/v1/privacy/" + VISITOR)).get("events")
                .findValuesAsText("id"));
    }

    private static String id(int i) {
        return "overload-" + i;
    }

    private static String batch(String id) {
        return WireJson.batch(List.of(WireJson.productView(id, VISITOR, "shoe-1")));
    }
}
