package dev.grat.cluster.kafka;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link EmbeddedKafka} broker for the tests of a class:
 * {@code @RegisterExtension static final KafkaForTests KAFKA = new KafkaForTests();} starts it before the class's
 * first test and stops it after the class's own {@code @AfterAll} methods (which may still need it to close nodes).
 * Shipped in grat-cluster's test-jar with EmbeddedKafka.
 */
public final class KafkaForTests implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedKafka broker;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        broker = new EmbeddedKafka();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        broker.close();
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }
}
