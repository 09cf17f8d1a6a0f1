package dev.grat.cluster.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a node joins the cluster. Start from {@link #of(String)} and change single settings with the {@code with}
 * methods.
 *
 * @param bootstrapServers  Kafka's {@code HOST:PORT[,HOST:PORT...]}
 * @param topic             the topic of changes (created if missing)
 * @param partitions        partitions of a topic Grat creates
 * @param requiredReplicas  least replication factor of the topic; fewer and the node refuses to start
 * @param requiredMinInSync least {@code min.insync.replicas} of the topic when it has more than one replica
 * @param retention         how long Kafka keeps a change ({@code retention.ms} of a topic Grat creates): changes
 *                          carry personal data, so keep it short; a node that was down longer rebuilds from
 *                          PostgreSQL anyway
 * @param outboxStaleAfter  an outbox row older than this is taken to be abandoned and published by any node
 * @param pollEvery         how often a node checks the outbox, leadership and the newest model
 * @param replayWindow      how long after start-up the ids of the events replayed from PostgreSQL are kept, to
 *                          skip their copies still arriving from Kafka
 * @param producerOverrides extra Kafka producer settings (checked: {@code acks} must stay {@code all} and
 *                          idempotence on)
 */
public record ClusterOptions(String bootstrapServers, String topic, int partitions, int requiredReplicas,
                             int requiredMinInSync, Duration retention, Duration outboxStaleAfter,
                             Duration pollEvery, Duration replayWindow, Map<String, String> producerOverrides) {

    public ClusterOptions {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (!bootstrapServers.matches("[^\\s,:]+:\\d{1,5}(,[^\\s,:]+:\\d{1,5})*")) {
            throw new IllegalArgumentException("kafka must be HOST:PORT (or a comma-separated list of them), was \""
                    + bootstrapServers + "\"");
        }
        Objects.requireNonNull(topic, "topic");
        require(partitions >= 1, "partitions must be at least 1");
        require(requiredReplicas >= 1, "requiredReplicas must be at least 1");
        require(requiredMinInSync >= 1, "requiredMinInSync must be at least 1");
        require(retention.toMillis() > 0 && outboxStaleAfter.toMillis() > 0 && pollEvery.toMillis() > 0
                && !replayWindow.isNegative(), "durations must be positive");
        producerOverrides = Map.copyOf(producerOverrides);
    }

    /**
     * The production defaults: topic {@code grat.changes} with 12 partitions, at least 3 replicas and
     * {@code min.insync.replicas} 2, changes kept 1 day, outbox rows older than 10 s republished, checks every
     * second, replayed ids kept 10 minutes.
     */
    public static ClusterOptions of(String bootstrapServers) {
        return new ClusterOptions(bootstrapServers, "grat.changes", 12, 3, 2, Duration.ofDays(1),
                Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(10), Map.of());
    }

    public ClusterOptions withTopic(String topic) {
        return new ClusterOptions(bootstrapServers, topic, partitions, requiredReplicas, requiredMinInSync, retention,
                outboxStaleAfter, pollEvery, replayWindow, producerOverrides);
    }

    public ClusterOptions withPartitions(int partitions) {
        return new ClusterOptions(bootstrapServers, topic, partitions, requiredReplicas, requiredMinInSync, retention,
                outboxStaleAfter, pollEvery, replayWindow, producerOverrides);
    }

    /** Replication demanded of the topic; below 3 replicas and 2 in sync only for development and tests. */
    public ClusterOptions withReplication(int requiredReplicas, int requiredMinInSync) {
        return new ClusterOptions(bootstrapServers, topic, partitions, requiredReplicas, requiredMinInSync, retention,
                outboxStaleAfter, pollEvery, replayWindow, producerOverrides);
    }

    public ClusterOptions withOutboxStaleAfter(Duration outboxStaleAfter) {
        return new ClusterOptions(bootstrapServers, topic, partitions, requiredReplicas, requiredMinInSync, retention,
                outboxStaleAfter, pollEvery, replayWindow, producerOverrides);
    }

    public ClusterOptions withPollEvery(Duration pollEvery) {
        return new ClusterOptions(bootstrapServers, topic, partitions, requiredReplicas, requiredMinInSync, retention,
                outboxStaleAfter, pollEvery, replayWindow, producerOverrides);
    }

    public ClusterOptions withProducerOverrides(Map<String, String> producerOverrides) {
        return new ClusterOptions(bootstrapServers, topic, partitions, requiredReplicas, requiredMinInSync, retention,
                outboxStaleAfter, pollEvery, replayWindow, producerOverrides);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
