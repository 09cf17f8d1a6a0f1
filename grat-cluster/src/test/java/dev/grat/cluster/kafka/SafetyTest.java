package dev.grat.cluster.kafka;

import dev.grat.store.postgres.PostgresOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cluster mode refuses to start with settings that could lose an acknowledged change. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SafetyTest {

    @RegisterExtension
    static final KafkaForTests KAFKA = new KafkaForTests();

    private ClusterOptions safeForOneBroker(String topic) {
        return ClusterOptions.of(KAFKA.bootstrapServers()).withTopic(topic).withReplication(1, 1);
    }

    private static PostgresOptions unusedStore() {
        return PostgresOptions.of(TestNodes.URL);
    }

    @Test
    void producerAcksOtherThanAll_isRefused() {
        ClusterOptions options = safeForOneBroker("safety.acks").withProducerOverrides(Map.of("acks", "1"));
        assertThatThrownBy(() -> ClusterNode.open(options, unusedStore(), null))
                .isInstanceOf(ClusterException.class).hasMessageContaining("acks=1").hasMessageContaining("acks=all");
    }

    @Test
    void producerWithoutIdempotence_isRefused() {
        ClusterOptions options = safeForOneBroker("safety.idempotence")
                .withProducerOverrides(Map.of("enable.idempotence", "false"));
        assertThatThrownBy(() -> ClusterNode.open(options, unusedStore(), null))
                .isInstanceOf(ClusterException.class).hasMessageContaining("enable.idempotence=false");
    }

    @Test
    void aTopicWithFewerReplicasThanRequired_isRefused() {
        // The production default demands 3 replicas and min.insync.replicas 2; this broker can give 1.
        ClusterOptions options = ClusterOptions.of(KAFKA.bootstrapServers()).withTopic("safety.replicas");
        assertThatThrownBy(() -> ClusterNode.open(options, unusedStore(), null))
                .isInstanceOf(ClusterException.class).hasMessageContaining("replica");
    }

    @Test
    void aKafkaAddressThatIsNotHostAndPort_isRefused() {
        assertThatThrownBy(() -> ClusterOptions.of("kafka.internal"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HOST:PORT");
    }
}
