package dev.grat.server.cli;

import dev.grat.Grat;
import dev.grat.cluster.kafka.ClusterException;
import dev.grat.cluster.kafka.KafkaForTests;
import dev.grat.server.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code ./grat serve --store ... --kafka ... --kafka-replicas 1} on a single Kafka broker in this JVM (and the
 * machine's PostgreSQL, a fresh schema): the node starts, where the production default refuses that broker's topic.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaReplicasStartTest {

    private static final String POSTGRES = System.getProperty("grat.test.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private final String schema = "grat_replicas_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(5));
    @RegisterExtension
    static final KafkaForTests KAFKA = new KafkaForTests();

    @AfterAll
    void stopEverything() throws Exception {
        try (Connection connection = DriverManager.getConnection(POSTGRES);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void kafkaReplicasOne_letsANodeStartOnOneBroker_whereTheDefaultIsRefused(@TempDir Path data) {
        ServerConfig development = load(data, "--kafka-replicas", "1");
        try (Grat grat = Engines.open(development)) {
            assertThat(grat).isNotNull();
        }
        assertThat(ClusterWiring.replicationWarning(development)).isPresent();

        // The topic the first start created has one replica: the production default refuses it.
        ServerConfig production = load(data);
        assertThatThrownBy(() -> Engines.open(production)).isInstanceOf(ClusterException.class)
                .hasMessageContaining("refusing to start in cluster mode")
                .hasMessageContaining("1 replica(s) per partition, at least 3 are required");
    }

    /** The config as {@code grat serve} reads it from these flags. */
    private ServerConfig load(Path data, String... flags) {
        List<String> args = new ArrayList<>(List.of("--data", data.toString(),
                "--store", POSTGRES + "&currentSchema=" + schema, "--kafka", KAFKA.bootstrapServers()));
        args.addAll(List.of(flags));
        Arguments arguments = Arguments.parse("serve", args, CommandLineConfig.flagsWith());
        String keys = "k1:" + Base64.getEncoder().encodeToString(new byte[32]);
        return CommandLineConfig.load(arguments, ServerConfig.builder().build(), Map.of("GRAT_PSEUDONYM_KEYS", keys));
    }
}
