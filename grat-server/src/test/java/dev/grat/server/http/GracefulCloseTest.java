package dev.grat.server.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GracefulCloseTest {

    @TempDir
    Path dataDir;

    @Test
    void close_answersTheRequestInFlight_thenRefusesConnections() throws Exception {
        RunningServer server = RunningServer.start(dataDir);
        server.putJson("/v1/consent/drain-visitor", WireJson.consent(true, true, false));
        int port = server.server.port();
        byte[] body = WireJson.batch(List.of(WireJson.productView("drain-1", "drain-visitor", "shoe-1")))
                .getBytes(StandardCharsets.UTF_8);

        Thread closing;
        String statusLine;
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out.write(("POST /v1/events HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + RunningServer.SECRET_KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // The JDK server answers 100 Continue once the exchange has begun, so the request is now in flight.
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 100 Continue");
            skipHeaders(in);

            closing = Thread.ofPlatform().start(server.server::close);
            out.write(body);
            out.flush();
            statusLine = in.readLine();
        }
        closing.join();
        server.grat.close();

        assertThat(statusLine).isEqualTo("HTTP/1.1 200 OK");
        assertThatThrownBy(() -> new Socket("localhost", port).close()).isInstanceOf(ConnectException.class);
        try (RunningServer restarted = RunningServer.start(dataDir)) {
            assertThat(RunningServer.json(restarted.get("/v1/privacy/drain-visitor")).get("events")
                    .findValuesAsText("id")).containsExactly("drain-1");
        }
    }

    @Test
    void close_withIdleKeepAliveConnections_doesNotWaitForThem() throws IOException {
        RunningServer server = RunningServer.start(dataDir);
        server.get("/health");

        server.close();

        assertThatThrownBy(() -> server.get("/health")).hasCauseInstanceOf(ConnectException.class);
    }

    private static void skipHeaders(BufferedReader in) throws IOException {
        String line;
        do {
            line = in.readLine();
        } while (line != null && !line.isEmpty());
    }
}
