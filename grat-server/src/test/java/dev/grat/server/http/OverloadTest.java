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

    /** A body that arrives only after {@code delay}, so that its request holds its place meanwhile. */
    private static java.util.function.Function<String, HttpRequest.BodyPublisher> slowly(Duration delay) {
        return id -> HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(new InputStream() {
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
        }, new ByteArrayInputStream(batch(id).getBytes(StandardCharsets.UTF_8))));
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
