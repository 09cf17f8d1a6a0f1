package dev.grat.cluster.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Kafka's side of the durability promise: the topic exists with enough replicas, and the producer waits for all
 * in-sync replicas and never writes a record twice. A node refuses to start when any of it does not hold.
 */
final class KafkaSetup {

    private static final long ADMIN_TIMEOUT_SECONDS = 30;

    private KafkaSetup() {
    }

    /** The producer's settings: the safe ones, then the overrides (checked by {@link #unsafeProducerSettings}). */
    static Map<String, Object> producerConfig(ClusterOptions options) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "grat-cluster-producer");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.putAll(options.producerOverrides());
        return config;
    }

    static Map<String, Object> consumerConfig(ClusterOptions options) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        // Every node reads every partition itself (assign, no group): positions are not committed to Kafka, because
        // a restarted node rebuilds from PostgreSQL and starts from the end offsets it read before the rebuild.
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return config;
    }

    /** What is unsafe in a producer config: acks other than all, idempotence off. Empty when safe. */
    static List<String> unsafeProducerSettings(Map<String, Object> config) {
        List<String> problems = new ArrayList<>();
        String acks = String.valueOf(config.get(ProducerConfig.ACKS_CONFIG)).trim().toLowerCase(Locale.ROOT);
        if (!acks.equals("all") && !acks.equals("-1")) {
            problems.add("producer acks=" + acks + ": Kafka would acknowledge a change before every in-sync replica"
                    + " has it, so a broker failure could lose it; set acks=all");
        }
        if (!"true".equalsIgnoreCase(String.valueOf(config.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).trim())) {
            problems.add("producer enable.idempotence=false: a retried send could write a change twice or out of"
                    + " order; set enable.idempotence=true");
        }
        return problems;
    }

    /** Creates the topic if missing, then checks its replication; throws {@link ClusterException} if unsafe. */
    static int prepareTopic(ClusterOptions options) {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(ADMIN_TIMEOUT_SECONDS));
        try (Admin admin = Admin.create(config)) {
            createIfMissing(admin, options);
            // A topic just created may not be known to every broker yet: its description is retried until it is.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ADMIN_TIMEOUT_SECONDS);
            TopicDescription topic = untilKnown(deadline, () -> admin.describeTopics(Set.of(options.topic()))
                    .allTopicNames().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS).get(options.topic()));
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, options.topic());
            Config topicConfig = untilKnown(deadline, () -> admin.describeConfigs(Set.of(resource)).all()
                    .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS).get(resource));
            List<String> problems = unsafeTopic(options, topic, topicConfig);
            if (!problems.isEmpty()) {
                throw new ClusterException("refusing to start in cluster mode: " + String.join("; ", problems));
            }
            return topic.partitions().size();
        } catch (ExecutionException | TimeoutException e) {
            throw new ClusterException("could not prepare the Kafka topic " + options.topic() + " on "
                    + options.bootstrapServers() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while preparing the Kafka topic", e);
        }
    }

    /** An admin call that Kafka answers with a retriable error (topic not known yet) is tried again. */
    private interface AdminCall<T> {
        T get() throws InterruptedException, ExecutionException, TimeoutException;
    }

    private static <T> T untilKnown(long deadline, AdminCall<T> call)
            throws InterruptedException, ExecutionException, TimeoutException {
        while (true) {
            try {
                return call.get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static void createIfMissing(Admin admin, ClusterOptions options)
            throws InterruptedException, ExecutionException, TimeoutException {
        NewTopic topic = new NewTopic(options.topic(), options.partitions(), (short) options.requiredReplicas())
                .configs(Map.of(
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                        String.valueOf(Math.min(options.requiredMinInSync(), options.requiredReplicas())),
                        TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG, "false",
                        TopicConfig.RETENTION_MS_CONFIG, String.valueOf(options.retention().toMillis())));
        try {
            admin.createTopics(List.of(topic)).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    static List<String> unsafeTopic(ClusterOptions options, TopicDescription topic, Config config) {
        List<String> problems = new ArrayList<>();
        int replicas = topic.partitions().stream().mapToInt(p -> p.replicas().size()).min().orElse(0);
        if (replicas < options.requiredReplicas()) {
            problems.add("topic " + options.topic() + " has " + replicas + " replica(s) per partition, at least "
                    + options.requiredReplicas() + " are required so that a broker failure loses nothing");
        }
        int minInSync = Integer.parseInt(config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value());
        int requiredInSync = Math.min(options.requiredMinInSync(), options.requiredReplicas());
        if (minInSync < requiredInSync) {
            problems.add("topic " + options.topic() + " has min.insync.replicas=" + minInSync + ", at least "
                    + requiredInSync + " is required: with acks=all Kafka would acknowledge a change held by fewer"
                    + " brokers");
        }
        if (Boolean.parseBoolean(config.get(TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG).value())) {
            problems.add("topic " + options.topic() + " allows unclean leader election, which can drop acknowledged"
                    + " changes; set unclean.leader.election.enable=false");
        }
        return problems;
    }
}
