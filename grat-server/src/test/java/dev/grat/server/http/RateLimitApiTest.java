package dev.grat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grat.server.config.Rate;
import dev.grat.server.config.RateLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static dev.grat.server.http.RunningServer.PUBLISHABLE_KEY;
import static dev.grat.server.http.RunningServer.SHOP_ORIGIN;
import static dev.grat.server.http.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Limits so low (a token every 100 seconds) that the test cannot be too slow to see them. */
class RateLimitApiTest {

    @TempDir
    Path dataDir;

    private RunningServer server;

    @BeforeEach
    void start() {
        server = RunningServer.start(dataDir, RunningServer.defaults().rateLimits(RateLimits.defaults()
                .withPerSource(new Rate(0.01, 3)).withPublishableKey(new Rate(0.01, 2))).build());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aSourcePastItsBurst_gets429WithRetryAfter_andABodyNamingTheLimit() {
        for (int i = 0; i < 3; i++) {
            assertThat(anonymous("/health").statusCode()).isEqualTo(200);
        }

        HttpResponse<String> refused = anonymous("/health");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("100");
        JsonNode body = json(refused);
        assertThat(body.get("limit").textValue()).isEqualTo("per-source");
        assertThat(body.get("retryAfterSeconds").longValue()).isEqualTo(100);
        assertThat(body.get("error").textValue()).contains("per-source", "retry after 100 s");
        assertThat(refused.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void guessingKeys_countsAgainstTheSource() {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> guess = server.send(server.anonymousRequest("/v1/privacy/v1")
                    .header("Authorization", "Bearer guess-" + i + "-0123456789abcdefghij").GET().build());
            assertThat(guess.statusCode()).isEqualTo(401);
        }

        HttpResponse<String> next = server.send(server.anonymousRequest("/v1/privacy/v1")
                .header("Authorization", "Bearer guess-4-0123456789abcdefghij").GET().build());
        assertThat(next.statusCode()).isEqualTo(429);
    }

    @Test
    void theSecretKey_isNotHeldBackByTheSourceLimit() {
        for (int i = 0; i < 4; i++) {
            anonymous("/health");
        }

        for (int i = 0; i < 20; i++) {
            assertThat(server.get("/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void thePublishableKey_hasItsOwnLimit() {
        for (int i = 0; i < 2; i++) {
            assertThat(publishable("/v1/navigation").statusCode()).isEqualTo(200);
        }

        HttpResponse<String> refused = publishable("/v1/navigation");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(json(refused).get("limit").textValue()).isEqualTo("publishable-key");
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin"))
                .as("the page can read why").hasValue(SHOP_ORIGIN);
    }

    @Test
    void refusals_areCountedInTheMetricsUnderTheirRoute() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            anonymous("/health");
        }

        // A request is counted just after its answer is written (the count includes the write), so wait for it.
        String refusals = "route=\"/health\"[^\\n]*status=\"429\"";
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!java.util.regex.Pattern.compile(refusals).matcher(server.get("/metrics").body()).find()
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.get("/metrics").body()).containsPattern(refusals);
    }

    private HttpResponse<String> anonymous(String path) {
        return server.send(server.anonymousRequest(path).GET().build());
    }

    private HttpResponse<String> publishable(String path) {
        return server.send(server.anonymousRequest(path).header("Authorization", "Bearer " + PUBLISHABLE_KEY)
                .header("Origin", SHOP_ORIGIN).GET().build());
    }
}
