package dev.grat.server.web;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VisitorTokensTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final SigningKey KEY = SigningKey.of(bytes(1));

    private final VisitorTokens tokens = new VisitorTokens(KEY, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void issuedToken_namesItsVisitor() {
        String token = tokens.issue("b1e0c8a2-2f5e-4c1a-9d3e-5f0a1b2c3d4e");

        assertThat(tokens.visitorOf(token)).isEqualTo("b1e0c8a2-2f5e-4c1a-9d3e-5f0a1b2c3d4e");
    }

    @Test
    void tokenWithAnotherVisitorIdSwappedIn_isRefused() {
        String[] parts = tokens.issue("alice").split("\\.");
        parts[1] = Base64.getUrlEncoder().withoutPadding().encodeToString("bob".getBytes(StandardCharsets.UTF_8));

        assertRefused(String.join(".", parts), "not valid");
    }

    @Test
    void tokenWithAnotherIssueTime_isRefused() {
        String[] parts = tokens.issue("alice").split("\\.");
        parts[2] = Long.toString(Long.parseLong(parts[2]) + 86_400);

        assertRefused(String.join(".", parts), "not valid");
    }

    @Test
    void tokenOfAnotherServer_isRefused() {
        String foreign = new VisitorTokens(SigningKey.of(bytes(2)), Clock.fixed(NOW, ZoneOffset.UTC)).issue("alice");

        assertRefused(foreign, "not valid");
    }

    @Test
    void tokenOlderThanItsLifetime_isRefused_andOneJustWithinIsAccepted() {
        String token = tokens.issue("alice");
        Instant lastValid = NOW.plus(VisitorTokens.LIFETIME);

        assertThat(new VisitorTokens(KEY, Clock.fixed(lastValid, ZoneOffset.UTC)).visitorOf(token)).isEqualTo("alice");
        Clock oneSecondLater = Clock.fixed(lastValid.plus(Duration.ofSeconds(1)), ZoneOffset.UTC);
        assertThatThrownBy(() -> new VisitorTokens(KEY, oneSecondLater).visitorOf(token))
                .isInstanceOf(WebError.class).hasMessageContaining("expired");
    }

    @Test
    void missingOrMalformedTokens_areRefusedWith401() {
        assertRefused(null, "required");
        assertRefused("", "required");
        assertRefused("vt1.abc", "not a Grat visitor token");
        assertRefused("vt2.YWxpY2U.1.AAAA", "not a Grat visitor token");
        assertRefused("vt1.!!!.1.AAAA", "not a Grat visitor token");
        assertRefused("vt1.YWxpY2U.soon.AAAA", "not a Grat visitor token");
        assertRefused("vt1." + "A".repeat(600) + ".1.AAAA", "not a Grat visitor token");
    }

    private void assertRefused(String token, String message) {
        assertThatThrownBy(() -> tokens.visitorOf(token))
                .isInstanceOfSatisfying(WebError.class, error -> assertThat(error.status()).isEqualTo(401))
                .hasMessageContaining(message);
    }

    static byte[] bytes(int fill) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) fill);
        return bytes;
    }
}
