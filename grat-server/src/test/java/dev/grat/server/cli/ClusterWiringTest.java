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
    void replicationSettingsWithoutKafka_areRefusedNamingThem() {
        ServerConfig replicas = ServerConfig.builder().kafkaReplicas(1).build();
        ServerConfig both = ServerConfig.builder().kafkaReplicas(1).kafkaMinInSync(1).build();

        assertThatThrownBy(() -> ClusterWiring.check(replicas)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("kafka.replicas needs kafka = HOST:PORT (cluster mode)");
        assertThatThrownBy(() -> ClusterWiring.check(both)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("kafka.replicas and kafka.min.insync need kafka = HOST:PORT");
    }

    @Test
    void replicationBelowProduction_isWarnedAbout_onlyInClusterMode() {
        ServerConfig.Builder cluster = ServerConfig.builder().kafka("127.0.0.1:9092")
                .store("jdbc:postgresql://127.0.0.1:5432/test");

        assertThat(ClusterWiring.replicationWarning(cluster.build())).isEmpty();
        assertThat(ClusterWiring.replicationWarning(ServerConfig.builder().build())).isEmpty();
        assertThat(ClusterWiring.replicationWarning(cluster.kafkaReplicas(1).build())).hasValueSatisfying(warning ->
                assertThat(warning).contains("as few as 1 replica(s)", "not replicated enough for production",
                        "durable in PostgreSQL"));
        assertThat(ClusterWiring.replicationWarning(cluster.kafkaReplicas(3).kafkaMinInSync(1).build()))
                .hasValueSatisfying(warning -> assertThat(warning).contains("min.insync.replicas 1"));
    }

    @Test
    void aKafkaAddressThatIsNotHostAndPort_isRefused() {
        assertThatThrownBy(() -> ServerConfig.builder().kafka("kafka.internal").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HOST:PORT");
    }
}
