package dev.grat.server.http;

import dev.grat.InvalidInputException;
import dev.grat.StoreException;
import dev.grat.server.config.ServerConfig.LogLevel;
import dev.grat.server.json.WireFormat;
import dev.grat.server.log.JsonLog;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorResponsesTest {

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final ErrorResponses errors = new ErrorResponses(new WireFormat(WireFormat.defaultMapper()),
            new JsonLog(new PrintStream(logged, true, StandardCharsets.UTF_8), LogLevel.INFO, Clock.systemUTC()));

    @Test
    void storeFailure_is503WithRetryAfter_andItsMessageStaysInTheServer() {
        Response response = errors.toResponse(new StoreException("disk full writing /data/grat.db for visitor-7"),
                "POST", "/v1/events");
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers()).containsEntry("Retry-After", "1");
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(body).contains("retry").doesNotContain("visitor-7", "grat.db");
        assertThat(logged.toString(StandardCharsets.UTF_8)).contains("dev.grat.StoreException").doesNotContain("visitor-7");
    }

    @Test
    void invalidInput_is400NamingTheField() {
        Response response = errors.toResponse(new InvalidInputException("n", "must be 1 to 100"), "GET", "/v1/recommendations");
        assertThat(response.status()).isEqualTo(400);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"field\":\"n\"");
    }
}
