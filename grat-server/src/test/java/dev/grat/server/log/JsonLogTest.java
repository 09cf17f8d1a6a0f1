package dev.grat.server.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grat.server.config.ServerConfig.LogLevel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLogTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final JsonLog log = new JsonLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), LogLevel.INFO,
            Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));

    @Test
    void eachEntry_isOneJsonObjectPerLine_withTimeLevelEventAndFields() throws IOException {
        log.info("server_started", Map.of("port", 8080));
        log.error("request_failed", Map.of("route", "/v1/privacy/{visitorId}", "stack", List.of("a", "b")));

        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines[0]);
        assertThat(first.get("ts").textValue()).isEqualTo("2026-03-01T12:00:00Z");
        assertThat(first.get("level").textValue()).isEqualTo("info");
        assertThat(first.get("event").textValue()).isEqualTo("server_started");
        assertThat(first.get("port").intValue()).isEqualTo(8080);
        JsonNode second = new ObjectMapper().readTree(lines[1]);
        assertThat(second.get("stack")).hasSize(2);
    }

    @Test
    void entriesBelowTheThreshold_areNotWritten() {
        log.debug("http_request", Map.of("route", "/health"));

        assertThat(bytes.size()).isZero();
        assertThat(log.isEnabled(LogLevel.DEBUG)).isFalse();
        assertThat(log.isEnabled(LogLevel.WARN)).isTrue();
    }
}
