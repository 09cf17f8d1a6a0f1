package dev.grat.server.config;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeyTest {

    private static final String VALUE = "sk_0123456789abcdefghijklmnop";

    @Test
    void matches_onlyTheExactKey() {
        ApiKey key = ApiKey.of(VALUE);

        assertThat(key.matches(VALUE)).isTrue();
        assertThat(key.matches(VALUE + " ")).isFalse();
        assertThat(key.matches(VALUE.substring(1))).isFalse();
        assertThat(key.matches("")).isFalse();
        assertThat(key.matches(null)).isFalse();
    }

    @Test
    void toString_neverShowsTheKey() {
        assertThat(ApiKey.of(VALUE).toString()).doesNotContain(VALUE.substring(0, 6)).contains("29 characters");
    }

    @Test
    void blankKey_isRefused() {
        assertThatThrownBy(() -> ApiKey.of("  ")).hasMessage("an API key must not be blank");
    }

    @Test
    void generatedKeys_areLongEnoughAndDifferent() {
        SecureRandom random = new SecureRandom();
        String first = ApiKey.generate("sk_", random);
        String second = ApiKey.generate("sk_", random);

        assertThat(first).startsWith("sk_").hasSize(46).isNotEqualTo(second);
        assertThat(first.length()).isGreaterThanOrEqualTo(ApiKey.MIN_LENGTH);
    }
}
