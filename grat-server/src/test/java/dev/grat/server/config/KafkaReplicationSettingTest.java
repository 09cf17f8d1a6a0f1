package dev.grat.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaReplicationSettingTest {

    @TempDir
    Path dir;

    private final ServerConfig defaults = ServerConfig.builder().build();

    @Test
    void withoutTheSettings_theProductionReplicationIsRequired() {
        ServerConfig config = ConfigLoader.load(defaults, null, Map.of(), Map.of());

        assertThat(config.kafkaReplicas()).isEmpty();
        assertThat(config.kafkaMinInSync()).isEmpty();
        assertThat(config.requiredReplicas()).isEqualTo(3);
        assertThat(config.requiredMinInSync()).isEqualTo(2);
        assertThat(config.describe()).contains("kafka.replicas = 3", "kafka.min.insync = 2");
    }

    @Test
    void oneReplica_aloneLowersTheMinInSyncToOne() {
        ServerConfig config = ConfigLoader.load(defaults, null, Map.of(), Map.of(Setting.KAFKA_REPLICAS, "1"));

        assertThat(config.requiredReplicas()).isEqualTo(1);
        assertThat(config.requiredMinInSync()).isEqualTo(1);
        assertThat(config.describe()).contains("kafka.replicas = 1", "kafka.min.insync = 1");
        assertThat(Setting.byFlag("--kafka-replicas")).hasValue(Setting.KAFKA_REPLICAS);
        assertThat(Setting.byFlag("--kafka-min-insync")).hasValue(Setting.KAFKA_MIN_INSYNC);
    }

    @Test
    void theEnvironmentSetsThem_andTheFlagsOverrideIt() {
        Map<String, String> environment = Map.of("GRAT_KAFKA_REPLICAS", "5", "GRAT_KAFKA_MIN_INSYNC", "3");

        ServerConfig fromEnvironment = ConfigLoader.load(defaults, null, environment, Map.of());
        ServerConfig fromFlags = ConfigLoader.load(defaults, null, environment,
                Map.of(Setting.KAFKA_REPLICAS, "2", Setting.KAFKA_MIN_INSYNC, "1"));

        assertThat(fromEnvironment.kafkaReplicas()).hasValue(5);
        assertThat(fromEnvironment.kafkaMinInSync()).hasValue(3);
        assertThat(fromFlags.requiredReplicas()).isEqualTo(2);
        assertThat(fromFlags.requiredMinInSync()).isEqualTo(1);
        assertThat(fromFlags.toBuilder().build()).isEqualTo(fromFlags);
    }

    @Test
    void aFile_mayRaiseMinInSyncAboveTheDefaultReplicas_onAnyLineBeforeTheReplicas() throws IOException {
        Path file = dir.resolve("grat.properties");
        Files.writeString(file, "kafka.min.insync = 4\nkafka.replicas = 5\n");

        ServerConfig config = ConfigLoader.load(defaults, file, Map.of(), Map.of());

        assertThat(config.requiredReplicas()).isEqualTo(5);
        assertThat(config.requiredMinInSync()).isEqualTo(4);
    }

    @Test
    void zeroOrNotANumber_isRefusedNamingItsSourceAndSetting() {
        assertThatThrownBy(() -> ConfigLoader.load(defaults, null, Map.of(), Map.of(Setting.KAFKA_REPLICAS, "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--kafka-replicas: kafka.replicas must be at least 1, was 0");
        assertThatThrownBy(() -> ConfigLoader.load(defaults, null, Map.of("GRAT_KAFKA_MIN_INSYNC", "-1"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("environment variable GRAT_KAFKA_MIN_INSYNC: kafka.min.insync must be at least 1, was -1");
        assertThatThrownBy(() -> ConfigLoader.load(defaults, null, Map.of(), Map.of(Setting.KAFKA_REPLICAS, "one")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--kafka-replicas: must be a whole number, was \"one\"");
    }

    @Test
    void minInSyncAboveTheReplicas_isRefusedNamingBoth() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load(defaults, null, Map.of(),
                Map.of(Setting.KAFKA_REPLICAS, "1", Setting.KAFKA_MIN_INSYNC, "2")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--kafka-min-insync: kafka.min.insync (2) must not be more than kafka.replicas (1):"
                        + " a topic cannot keep more replicas in sync than it has");
        // Against the replicas of another layer, and the default of 3 when kafka.replicas is not set.
        Path file = dir.resolve("grat.properties");
        Files.writeString(file, "kafka.min.insync = 2\n");
        assertThatThrownBy(() -> ConfigLoader.load(defaults, file, Map.of(), Map.of(Setting.KAFKA_REPLICAS, "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": kafka.min.insync: kafka.min.insync (2) must not be more than"
                        + " kafka.replicas (1)");
        assertThatThrownBy(() -> ConfigLoader.load(defaults, null, Map.of("GRAT_KAFKA_MIN_INSYNC", "4"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("kafka.min.insync (4) must not be more than kafka.replicas (3)");
    }
}
