package dev.grat.server.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreSettingTest {

    private static final String URL = "jdbc:postgresql://db.internal:5432/shop?user=grat";
    private final ServerConfig defaults = ServerConfig.builder().build();

    @Test
    void withoutAStore_theEmbeddedStoreIsUsed() {
        ServerConfig config = ConfigLoader.load(defaults, null, Map.of(), Map.of());

        assertThat(config.store()).isEmpty();
        assertThat(config.describe()).contains("store = (embedded, in data.dir)");
    }

    @Test
    void store_fromTheEnvironment_isOverriddenByTheFlag() {
        ServerConfig fromEnvironment = ConfigLoader.load(defaults, null, Map.of("GRAT_STORE", URL), Map.of());
        ServerConfig fromFlag = ConfigLoader.load(defaults, null, Map.of("GRAT_STORE", URL),
                Map.of(Setting.STORE, "jdbc:postgresql://127.0.0.1:5432/test"));

        assertThat(fromEnvironment.store()).hasValue(URL);
        assertThat(fromFlag.store()).hasValue("jdbc:postgresql://127.0.0.1:5432/test");
        assertThat(Setting.byFlag("--store")).hasValue(Setting.STORE);
    }

    @Test
    void store_thatIsNotAPostgresUrl_isRefusedNamingItsSource() {
        assertThatThrownBy(() -> ConfigLoader.load(defaults, null,
                Map.of("GRAT_STORE", "mysql://db/shop?password=s3cret"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("environment variable GRAT_STORE: store must be a JDBC URL of a PostgreSQL")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void printedConfig_masksTheStorePassword() {
        ServerConfig config = ServerConfig.builder().store(URL + "&password=s3cret&ssl=true").build();

        assertThat(config.describe()).contains("store = " + URL + "&password=******&ssl=true");
        assertThat(config.toString()).doesNotContain("s3cret");
        assertThat(config.toBuilder().build().store()).isEqualTo(config.store());
    }
}
