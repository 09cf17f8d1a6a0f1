package dev.grat.server.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every setting of {@link ServerConfig} with its names in a properties file, the environment and on the command
 * line, its default and what it does. Help texts and docs/API.md list the same.
 */
public enum Setting {
    PORT("port", "GRAT_PORT", "--port", "8080", "TCP port of the HTTP API; 0 picks a free port"),
    DATA_DIR("data.dir", "GRAT_DATA_DIR", "--data", "./grat-data", "data directory of the embedded store"),
    STORE("store", "GRAT_STORE", "--store", "(none: the embedded store in data.dir)",
            "JDBC URL of a PostgreSQL database (jdbc:postgresql://HOST:PORT/DB) to keep the data in instead"),
    KAFKA("kafka", "GRAT_KAFKA", "--kafka", "(none: a single node)",
            "Kafka's HOST:PORT: run as one node of a cluster sharing the PostgreSQL database of store (required)"),
    KAFKA_REPLICAS("kafka.replicas", "GRAT_KAFKA_REPLICAS", "--kafka-replicas", "3",
            "least replication factor of the changes topic; a node refuses a topic with fewer (1 only for development)"),
    KAFKA_MIN_INSYNC("kafka.min.insync", "GRAT_KAFKA_MIN_INSYNC", "--kafka-min-insync", "2",
            "least min.insync.replicas of the changes topic when it has more than one replica"),
    SECRET_KEY("secret.key", "GRAT_SECRET_KEY", null, "(none; required)",
            "key for server-side calls and every endpoint, at least 24 characters"),
    PUBLISHABLE_KEY("publishable.key", "GRAT_PUBLISHABLE_KEY", null, "(none)",
            "key for browsers: events, consent and decisions, from allowed origins only; at least 24 characters"),
    ALLOWED_ORIGINS("allowed.origins", "GRAT_ALLOWED_ORIGINS", "--allowed-origins", "(none)",
            "comma-separated origins that may use the publishable key, e.g. https://shop.example"),
    MAX_BODY_BYTES("max.body.bytes", "GRAT_MAX_BODY_BYTES", "--max-body-bytes", "1048576",
            "largest request body in bytes; larger bodies get 413"),
    MAX_BATCH_SIZE("max.batch.size", "GRAT_MAX_BATCH_SIZE", "--max-batch-size", "1000",
            "most events or items in one request; larger batches get 413"),
    MAX_IN_FLIGHT("max.in.flight", "GRAT_MAX_IN_FLIGHT", "--max-in-flight", "256",
            "requests handled at once; more wait (see max.queued)"),
    MAX_QUEUED("max.queued", "GRAT_MAX_QUEUED", "--max-queued", "1024",
            "requests waiting for a free place; more get 429 with Retry-After at once"),
    MAX_WAIT_MS("max.wait.ms", "GRAT_MAX_WAIT_MS", "--max-wait-ms", "2000",
            "longest wait in milliseconds for a free place; then 429 with Retry-After"),
    SYNCHRONOUS("synchronous", "GRAT_SYNCHRONOUS", "--synchronous", "full",
            "full: acknowledged writes survive power loss; normal: they survive a crash of the process"),
    LOG_LEVEL("log.level", "GRAT_LOG_LEVEL", "--log-level", "info",
            "debug, info, warn or error; debug also logs one line per request"),
    RATE_LIMIT_SOURCE("rate.limit.source", "GRAT_RATE_LIMIT_SOURCE", "--rate-limit-source", "100:400",
            "requests per second[:burst] per client address without the secret key, or off; more get 429"),
    RATE_LIMIT_PUBLISHABLE("rate.limit.publishable", "GRAT_RATE_LIMIT_PUBLISHABLE", "--rate-limit-publishable",
            "5000:10000", "requests per second[:burst] with the publishable key, all browsers together, or off"),
    RATE_LIMIT_SECRET("rate.limit.secret", "GRAT_RATE_LIMIT_SECRET", "--rate-limit-secret", "20000:40000",
            "requests per second[:burst] with the secret key, or off"),
    TRUSTED_PROXIES("trusted.proxies", "GRAT_TRUSTED_PROXIES", "--trusted-proxies", "(none)",
            "comma-separated addresses or CIDR blocks of reverse proxies whose X-Forwarded-For names the client"),
    POLICY_FILE("policy.file", "GRAT_POLICY_FILE", "--policy", "(none: the default data policy)",
            "data policy file (JSON, or YAML by its .yaml/.yml name): categories, purposes, retention, fields"),
    PSEUDONYM_KEYS("pseudonym.keys", "GRAT_PSEUDONYM_KEYS", null, "(generated into data.dir/pseudonym.keys)",
            "keys of the customer-id pseudonyms, id:base64,id:base64 (current first); required with store");

    private final String property;
    private final String environmentVariable;
    private final String flag;
    private final String defaultValue;
    private final String description;

    Setting(String property, String environmentVariable, String flag, String defaultValue, String description) {
        this.property = property;
        this.environmentVariable = environmentVariable;
        this.flag = flag;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The key in a properties file. */
    public String property() {
        return property;
    }

    public String environmentVariable() {
        return environmentVariable;
    }

    /** The command-line flag; empty for keys, which must not appear on a command line. */
    public Optional<String> flag() {
        return Optional.ofNullable(flag);
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    public static Optional<Setting> byProperty(String property) {
        return Arrays.stream(values()).filter(s -> s.property.equals(property)).findFirst();
    }

    public static Optional<Setting> byFlag(String flag) {
        return Arrays.stream(values()).filter(s -> flag.equals(s.flag)).findFirst();
    }
}
