package dev.grat.server.cli;

import dev.grat.server.config.ConfigException;
import dev.grat.server.config.ServerConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterWiringTest {

    @Test
    void kafkaWithoutAPostgresStore_isRefusedNamingBothSettings() {
        ServerConfig config = ServerConfig.builder().kafka("127.0.0.1:9092").build();
        assertThatThrownBy(() -> ClusterWiring.check(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("kafka").hasMessageContaining("store = jdbc:postgresql://");
    }

    @Test
    void kafkaWithAPostgresStore_passesTheCheck() {
        ServerConfig config = ServerConfig.builder().kafka("127.0.0.1:9092")
                .store("jdbc:postgresql://127.0.0.1:5432/test").build();
        assertThatCode(() -> ClusterWiring.check(config)).doesNotThrowAnyException();
        assertThat(config.describe()).contains("kafka = 127.0.0.1:9092");
    }

    @Test
    void aKafkaAddressThatIsNotHostAndPort_isRefused() {
        assertThatThrownBy(() -> ServerConfig.builder().kafka("kafka.internal").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HOST:PORT");
    }
}
