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

    @Test
    void placeholderKeys_areWeak_andTheReasonDoesNotQuoteTheKey() {
        String key = "sk_live_CHANGE-ME_0123456789abcdef";

        assertThat(ApiKey.of(key).weakness()).hasValueSatisfying(why -> assertThat(why)
                .contains("placeholder", "changeme").doesNotContain(key));
        assertThat(ApiKey.of("your-secret-key-goes-here-1234").weakness()).isPresent();
        assertThat(ApiKey.of("Example_Key_For_The_Docs_4711").weakness()).isPresent();
    }

    @Test
    void uniformKeys_areWeak() {
        assertThat(ApiKey.of("x".repeat(40)).weakness()).hasValueSatisfying(why -> assertThat(why)
                .contains("1 distinct characters"));
        assertThat(ApiKey.of("ab12".repeat(10)).weakness()).isPresent();
    }

    @Test
    void generatedKeys_areNeverWeak() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 2_000; i++) {
            assertThat(ApiKey.of(ApiKey.generate("sk_", random)).weakness()).isEmpty();
        }
        assertThat(ApiKey.of(VALUE).weakness()).isEmpty();
    }

    @Test
    void sameAs_comparesTheKeys() {
        assertThat(ApiKey.of(VALUE).sameAs(ApiKey.of(VALUE))).isTrue();
        assertThat(ApiKey.of(VALUE).sameAs(ApiKey.of(VALUE + "x"))).isFalse();
    }
}
