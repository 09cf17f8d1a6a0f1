package dev.grat.server.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecuritySettingsTest {

    private static final String SECRET = "sk_4f9Qm2Lx8RbT7vKp3ZwN6hJc";
    private static final String PUBLISHABLE = "pk_8Hn3Vb6Xq1Wm9Tz4Lr7Kc2Fy";

    @Test
    void serving_isRefusedWithAPlaceholderOrUniformSecretKey_withoutPrintingIt() {
        String placeholder = "sk_live_change_me_please_0000";

        List<String> problems = ServerConfig.builder().secretKey(placeholder).build().problemsForServing();
        assertThat(problems).singleElement().satisfies(problem -> assertThat(problem)
                .startsWith("the secret key looks like a placeholder").doesNotContain(placeholder));
        assertThat(ServerConfig.builder().secretKey("0".repeat(32)).build().problemsForServing()).singleElement()
                .satisfies(problem -> assertThat(problem).contains("distinct characters"));
    }

    @Test
    void serving_isRefusedWhenThePublishableKeyIsTheSecretKey() {
        assertThat(ServerConfig.builder().secretKey(SECRET).publishableKey(SECRET).build().problemsForServing())
                .singleElement().satisfies(problem -> assertThat(problem).contains("publishable key is the secret key"));
        assertThat(ServerConfig.builder().secretKey(SECRET).publishableKey(PUBLISHABLE).build().problemsForServing())
                .isEmpty();
    }

    @Test
    void rate_parsesRateAndBurst_orOff() {
        assertThat(Rate.parse("100:400")).isEqualTo(new Rate(100, 400));
        assertThat(Rate.parse(" 0.5:2 ")).isEqualTo(new Rate(0.5, 2));
        assertThat(Rate.parse("50")).isEqualTo(new Rate(50, 100));
        assertThat(Rate.parse("off")).isEqualTo(Rate.OFF);
        assertThat(Rate.parse("0")).isEqualTo(Rate.OFF);
        assertThat(new Rate(100, 400).describe()).isEqualTo("100:400");
        for (String bad : List.of("", "lots", "10:", ":5", "10:0", "-1", "NaN", "Infinity", "1:2:3", "10:2.5")) {
            assertThatThrownBy(() -> Rate.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void rateLimits_loadFromTheEnvironment_andBadValuesNameTheVariable() {
        ServerConfig config = ConfigLoader.load(ServerConfig.builder().build(), null, Map.of(
                "GRAT_RATE_LIMIT_SOURCE", "10:20", "GRAT_RATE_LIMIT_PUBLISHABLE", "off",
                "GRAT_RATE_LIMIT_SECRET", "1000", "GRAT_TRUSTED_PROXIES", "10.0.0.0/8, fd00::/8,192.0.2.1"), Map.of());

        assertThat(config.rateLimits().perSource()).isEqualTo(new Rate(10, 20));
        assertThat(config.rateLimits().publishableKey().isOff()).isTrue();
        assertThat(config.rateLimits().secretKey()).isEqualTo(new Rate(1000, 2000));
        assertThat(config.rateLimits().trustedProxies()).containsExactly("10.0.0.0/8", "fd00::/8", "192.0.2.1");
        assertThat(config.describe()).contains("rate.limit.source = 10:20", "rate.limit.publishable = off");
        assertThatThrownBy(() -> ConfigLoader.load(ServerConfig.builder().build(), null,
                Map.of("GRAT_RATE_LIMIT_SOURCE", "fast"), Map.of()))
                .hasMessageContaining("GRAT_RATE_LIMIT_SOURCE").hasMessageContaining("RATE[:BURST]");
        assertThatThrownBy(() -> ConfigLoader.load(ServerConfig.builder().build(), null,
                Map.of("GRAT_TRUSTED_PROXIES", "proxy.example"), Map.of()))
                .hasMessageContaining("GRAT_TRUSTED_PROXIES").hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> ConfigLoader.load(ServerConfig.builder().build(), null,
                Map.of("GRAT_TRUSTED_PROXIES", "10.0.0.0/33"), Map.of()))
                .hasMessageContaining("GRAT_TRUSTED_PROXIES");
    }

    @Test
    void defaults_limitEverySource_andLeaveRoomForTheShopsServers() {
        RateLimits limits = ServerConfig.builder().build().rateLimits();

        assertThat(limits.perSource()).isEqualTo(new Rate(100, 400));
        assertThat(limits.publishableKey()).isEqualTo(new Rate(5_000, 10_000));
        assertThat(limits.secretKey()).isEqualTo(new Rate(20_000, 40_000));
        assertThat(limits.trustedProxies()).isEmpty();
    }
}
