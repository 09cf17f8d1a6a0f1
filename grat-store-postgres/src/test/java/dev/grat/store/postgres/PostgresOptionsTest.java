package dev.grat.store.postgres;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresOptionsTest {

    @Test
    void of_takesTheSchemaFromTheUrlOrDefaultsToGrat() {
        assertThat(PostgresOptions.of("jdbc:postgresql://db/shop").schema()).isEqualTo("grat");
        assertThat(PostgresOptions.of("jdbc:postgresql://db/shop?user=x&currentSchema=grat_eu").schema())
                .isEqualTo("grat_eu");
    }

    @Test
    void printedOptions_maskThePassword() {
        PostgresOptions options = PostgresOptions.of("jdbc:postgresql://db/shop?user=grat&password=s3cret&ssl=true");

        assertThat(options.toString()).doesNotContain("s3cret").contains("password=******&ssl=true");
        assertThat(options.maskedUrl()).isEqualTo("jdbc:postgresql://db/shop?user=grat&password=******&ssl=true");
    }

    @Test
    void badValues_areRefusedNamingTheSetting() {
        PostgresOptions options = PostgresOptions.of("jdbc:postgresql://db/shop");

        assertThatThrownBy(() -> PostgresOptions.of("jdbc:mysql://db/shop?password=s3cret"))
                .hasMessageStartingWith("jdbcUrl must start with jdbc:postgresql:")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> options.withSchema("Grat; DROP TABLE x")).hasMessageStartingWith("schema must be");
        assertThatThrownBy(() -> options.withPoolSize(0)).hasMessage("poolSize must be at least 1, was 0");
        assertThatThrownBy(() -> options.withConnectTimeout(Duration.ofMillis(10)))
                .hasMessageStartingWith("connectTimeout must be at least 250 ms");
        assertThatThrownBy(() -> options.withScrubTimeout(Duration.ZERO)).hasMessageStartingWith("scrubTimeout");
    }
}
