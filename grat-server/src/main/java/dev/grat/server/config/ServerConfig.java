package dev.grat.server.config;

import dev.grat.privacy.pseudonym.PseudonymKeys;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of a Grat server. Built in code with {@link #builder()}, or loaded by {@link ConfigLoader}
 * from a properties file, then environment variables, then command-line flags (each overriding the one before).
 * Every value is checked when the config is built.
 *
 * <table>
 *   <caption>Settings (property / environment variable / flag: default)</caption>
 *   <tr><td>{@code port} / {@code GRAT_PORT} / {@code --port}</td>
 *       <td>8080. TCP port of the HTTP API; 0 picks a free port.</td></tr>
 *   <tr><td>{@code data.dir} / {@code GRAT_DATA_DIR} / {@code --data}</td>
 *       <td>{@code ./grat-data}. The data directory of the embedded store.</td></tr>
 *   <tr><td>{@code store} / {@code GRAT_STORE} / {@code --store}</td>
 *       <td>none (the embedded store in the data directory). A JDBC URL {@code jdbc:postgresql://HOST:PORT/DB}:
 *       keep the data in that PostgreSQL database instead; its password is masked when printed.</td></tr>
 *   <tr><td>{@code kafka} / {@code GRAT_KAFKA} / {@code --kafka}</td>
 *       <td>none (a single node). Kafka's {@code HOST:PORT}: run as one node of a cluster sharing the PostgreSQL
 *       database of {@code store} (required with it); see docs/SCALING.md.</td></tr>
 *   <tr><td>{@code kafka.replicas} / {@code GRAT_KAFKA_REPLICAS} / {@code --kafka-replicas}</td>
 *       <td>3. Least replication factor of the changes topic (and that of a topic the node creates); a node refuses
 *       a topic with fewer. Below 3 only for development, e.g. 1 on a single broker. Needs {@code kafka}.</td></tr>
 *   <tr><td>{@code kafka.min.insync} / {@code GRAT_KAFKA_MIN_INSYNC} / {@code --kafka-min-insync}</td>
 *       <td>2 (1 when {@code kafka.replicas} is 1). Least {@code min.insync.replicas} of the changes topic when
 *       it has more than one replica; at most {@code kafka.replicas}. Needs {@code kafka}.</td></tr>
 *   <tr><td>{@code secret.key} / {@code GRAT_SECRET_KEY}</td>
 *       <td>none; required to serve, at least 24 characters. Allows every endpoint.</td></tr>
 *   <tr><td>{@code publishable.key} / {@code GRAT_PUBLISHABLE_KEY}</td>
 *       <td>none (browser calls disabled). May send events, set consent and read decisions, from allowed
 *       origins only; at least 24 characters.</td></tr>
 *   <tr><td>{@code allowed.origins} / {@code GRAT_ALLOWED_ORIGINS} / {@code --allowed-origins}</td>
 *       <td>none. Comma-separated origins ({@code https://shop.example}) that may use the publishable key (CORS).</td></tr>
 *   <tr><td>{@code max.body.bytes} / {@code GRAT_MAX_BODY_BYTES} / {@code --max-body-bytes}</td>
 *       <td>1048576 (1 MiB). Larger request bodies get 413.</td></tr>
 *   <tr><td>{@code max.batch.size} / {@code GRAT_MAX_BATCH_SIZE} / {@code --max-batch-size}</td>
 *       <td>1000. Most events or items in one request; larger batches get 413.</td></tr>
 *   <tr><td>{@code synchronous} / {@code GRAT_SYNCHRONOUS} / {@code --synchronous}</td>
 *       <td>{@code full}. {@code full}: every acknowledged write is on disk (survives power loss);
 *       {@code normal}: survives a crash of the process, but the last writes may be lost on power loss.</td></tr>
 *   <tr><td>{@code log.level} / {@code GRAT_LOG_LEVEL} / {@code --log-level}</td>
 *       <td>{@code info}. {@code debug} also logs one line per HTTP request.</td></tr>
 *   <tr><td>{@code rate.limit.source}, {@code rate.limit.publishable}, {@code rate.limit.secret},
 *       {@code trusted.proxies}</td>
 *       <td>{@code 100:400}, {@code 5000:10000}, {@code 20000:40000}, none. See {@link RateLimits}.</td></tr>
 *   <tr><td>{@code max.in.flight}, {@code max.queued}, {@code max.wait.ms}</td>
 *       <td>256, 1024, 2000. Requests handled at once, waiting at most, and the longest wait; past them 429 with
 *       {@code Retry-After}. See {@link Admission}.</td></tr>
 *   <tr><td>{@code policy.file} / {@code GRAT_POLICY_FILE} / {@code --policy}</td>
 *       <td>none (the default data policy). The data policy file, JSON or YAML ({@link PolicyFile}).</td></tr>
 *   <tr><td>{@code pseudonym.keys} / {@code GRAT_PSEUDONYM_KEYS}</td>
 *       <td>none: with the embedded store a key is generated into {@code data.dir/pseudonym.keys}; required with
 *       {@code store}. The keys customer ids are pseudonymised with, {@code id:base64,id:base64} (32 bytes or more
 *       each; the first is current, the others are still read).</td></tr>
 * </table>
 * Keys have no flag on purpose: a command line is visible to every user of the machine.
 */
public record ServerConfig(int port, Path dataDir, Optional<String> store, Optional<String> kafka,
                           Optional<Integer> kafkaReplicas, Optional<Integer> kafkaMinInSync,
                           Optional<ApiKey> secretKey,
                           Optional<ApiKey> publishableKey,
                           List<String> allowedOrigins, long maxBodyBytes, int maxBatchSize,
                           Synchronous synchronous, LogLevel logLevel, RateLimits rateLimits,
                           Optional<Path> policyFile, Optional<String> pseudonymKeys, Admission admission) {

    public static final int DEFAULT_PORT = 8080;
    public static final Path DEFAULT_DATA_DIR = Path.of("grat-data");
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_BATCH_SIZE = 1000;
    /** The production replication of the changes topic: a broker can fail without losing an acknowledged change. */
    public static final int DEFAULT_KAFKA_REPLICAS = 3;
    public static final int DEFAULT_KAFKA_MIN_INSYNC = 2;

    /** How much a write must have reached the disk before Grat acknowledges it. */
    public enum Synchronous {
        /** Every acknowledged write survives a power loss. */
        FULL,
        /** Every acknowledged write survives a crash of the process; the last ones may be lost on power loss. */
        NORMAL;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The least severe log lines written. */
    public enum LogLevel {
        DEBUG, INFO, WARN, ERROR;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ServerConfig {
        require(port >= 0 && port <= 65535, "port must be between 0 and 65535, was " + port);
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(store, "store");
        store.ifPresent(ServerConfig::requirePostgresUrl);
        Objects.requireNonNull(kafka, "kafka");
        kafka.ifPresent(ServerConfig::requireKafkaAddress);
        Objects.requireNonNull(kafkaReplicas, "kafkaReplicas");
        Objects.requireNonNull(kafkaMinInSync, "kafkaMinInSync");
        kafkaReplicas.ifPresent(n -> require(n >= 1, "kafka.replicas must be at least 1, was " + n));
        kafkaMinInSync.ifPresent(n -> require(n >= 1, "kafka.min.insync must be at least 1, was " + n));
        int replicas = kafkaReplicas.orElse(DEFAULT_KAFKA_REPLICAS);
        kafkaMinInSync.ifPresent(n -> require(n <= replicas, "kafka.min.insync (" + n + ") must not be more than"
                + " kafka.replicas (" + replicas + "): a topic cannot keep more replicas in sync than it has"));
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(publishableKey, "publishableKey");
        allowedOrigins = allowedOrigins.stream().map(ServerConfig::normalizeOrigin).distinct().toList();
        require(maxBodyBytes >= 1024, "maxBodyBytes must be at least 1024, was " + maxBodyBytes);
        require(maxBatchSize >= 1, "maxBatchSize must be at least 1, was " + maxBatchSize);
        Objects.requireNonNull(synchronous, "synchronous");
        Objects.requireNonNull(logLevel, "logLevel");
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(policyFile, "policyFile");
        Objects.requireNonNull(pseudonymKeys, "pseudonymKeys");
        // Parsed here so that a bad key fails at load time naming the setting; the message never shows a secret.
        pseudonymKeys.ifPresent(PseudonymKeys::parse);
        Objects.requireNonNull(admission, "admission");
    }

    /** A builder with every default set; no keys. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values. */
    public Builder toBuilder() {
        return new Builder()
                .port(port)
                .dataDir(dataDir)
                .store(store.orElse(null))
                .kafka(kafka.orElse(null))
                .kafkaReplicas(kafkaReplicas.orElse(null))
                .kafkaMinInSync(kafkaMinInSync.orElse(null))
                .secretKey(secretKey.orElse(null))
                .publishableKey(publishableKey.orElse(null))
                .allowedOrigins(allowedOrigins)
                .maxBodyBytes(maxBodyBytes)
                .maxBatchSize(maxBatchSize)
                .synchronous(synchronous)
                .logLevel(logLevel)
                .rateLimits(rateLimits)
                .policyFile(policyFile.orElse(null))
                .pseudonymKeys(pseudonymKeys.orElse(null))
                .admission(admission);
    }

    /** Least replication factor a cluster node demands of the changes topic: {@code kafka.replicas}, else 3. */
    public int requiredReplicas() {
        return kafkaReplicas.orElse(DEFAULT_KAFKA_REPLICAS);
    }

    /**
     * Least {@code min.insync.replicas} a cluster node demands of the changes topic: {@code kafka.min.insync}, else
     * 2, or fewer when {@code kafka.replicas} is lower (one replica cannot have two in sync).
     */
    public int requiredMinInSync() {
        return kafkaMinInSync.orElse(Math.min(DEFAULT_KAFKA_MIN_INSYNC, requiredReplicas()));
    }

    /**
     * Problems that keep this config from serving: no secret key, a key too short to be safe, a placeholder or
     * too uniform key ({@link ApiKey#weakness()}), or the same key as secret and publishable key.
     * Empty when the server may start.
     */
    public List<String> problemsForServing() {
        List<String> problems = new ArrayList<>();
        if (secretKey.isEmpty()) {
            problems.add("no secret key: set the environment variable GRAT_SECRET_KEY (or secret.key in the config"
                    + " file) to a random string of at least " + ApiKey.MIN_LENGTH + " characters");
        }
        secretKey.filter(key -> key.length() < ApiKey.MIN_LENGTH).ifPresent(key -> problems.add(
                "the secret key has " + key.length() + " characters; it needs at least " + ApiKey.MIN_LENGTH));
        publishableKey.filter(key -> key.length() < ApiKey.MIN_LENGTH).ifPresent(key -> problems.add(
                "the publishable key has " + key.length() + " characters; it needs at least " + ApiKey.MIN_LENGTH));
        // A short key is reported for its length alone; one long enough must also look random.
        secretKey.filter(key -> key.length() >= ApiKey.MIN_LENGTH).flatMap(ApiKey::weakness)
                .ifPresent(why -> problems.add("the secret key " + why));
        publishableKey.filter(key -> key.length() >= ApiKey.MIN_LENGTH).flatMap(ApiKey::weakness)
                .ifPresent(why -> problems.add("the publishable key " + why));
        if (secretKey.isPresent() && publishableKey.isPresent() && secretKey.get().sameAs(publishableKey.get())) {
            problems.add("the publishable key is the secret key; browsers would hold the secret key: use two keys");
        }
        return problems;
    }

    /** The config as lines {@code name = value} for printing at start-up; keys are masked. */
    public List<String> describe() {
        return List.of(
                "port = " + port,
                "data.dir = " + dataDir,
                "store = " + store.map(ServerConfig::maskPassword).orElse("(embedded, in data.dir)"),
                "kafka = " + kafka.orElse("(none: a single node)"),
                "kafka.replicas = " + requiredReplicas(),
                "kafka.min.insync = " + requiredMinInSync(),
                "secret.key = " + secretKey.map(ApiKey::toString).orElse("(not set)"),
                "publishable.key = " + publishableKey.map(ApiKey::toString).orElse("(not set)"),
                "allowed.origins = " + (allowedOrigins.isEmpty() ? "(none)" : String.join(",", allowedOrigins)),
                "max.body.bytes = " + maxBodyBytes,
                "max.batch.size = " + maxBatchSize,
                "synchronous = " + synchronous.wireName(),
                "log.level = " + logLevel.wireName(),
                "rate.limit.source = " + rateLimits.perSource().describe(),
                "rate.limit.publishable = " + rateLimits.publishableKey().describe(),
                "rate.limit.secret = " + rateLimits.secretKey().describe(),
                "trusted.proxies = " + (rateLimits.trustedProxies().isEmpty() ? "(none)"
                        : String.join(",", rateLimits.trustedProxies())),
                "max.in.flight = " + admission.maxInFlight(),
                "max.queued = " + admission.maxQueued(),
                "max.wait.ms = " + admission.maxWait().toMillis(),
                "policy.file = " + policyFile.map(Path::toString).orElse("(none: the default data policy)"),
                "pseudonym.keys = " + pseudonymKeys.map(keys -> PseudonymKeys.parse(keys) + " (secrets hidden)")
                        .orElse("(not set: kept in data.dir/" + PseudonymKeyFile.FILE_NAME + ")"));
    }

    @Override
    public String toString() {
        return "ServerConfig[" + String.join(", ", describe()) + "]";
    }

    /**
     * An origin as browsers send it in the {@code Origin} header: {@code scheme://host[:port]}, lower case,
     * no path.
     */
    static String normalizeOrigin(String origin) {
        String trimmed = origin.trim();
        try {
            URI uri = new URI(trimmed);
            boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty();
            if (web && uri.getHost() != null && bare && uri.getRawQuery() == null && uri.getRawFragment() == null
                    && uri.getRawUserInfo() == null) {
                return trimmed.toLowerCase(Locale.ROOT);
            }
        } catch (URISyntaxException e) {
            // reported below with the expected form
        }
        throw new IllegalArgumentException("allowed origin \"" + trimmed
                + "\" is not an origin; expected scheme://host[:port] with scheme http or https and no path,"
                + " e.g. https://shop.example");
    }

    private static void requireKafkaAddress(String address) {
        require(address.matches("[^\\s,:]+:\\d{1,5}(,[^\\s,:]+:\\d{1,5})*"), "kafka must be HOST:PORT (or a"
                + " comma-separated list of them), was \"" + address + "\"");
    }

    private static void requirePostgresUrl(String url) {
        require(url.startsWith("jdbc:postgresql://"), "store must be a JDBC URL of a PostgreSQL database, "
                + "jdbc:postgresql://HOST:PORT/DB, was \"" + maskPassword(url) + "\"");
    }

    /** A JDBC URL with the value of any {@code password} parameter replaced by asterisks. */
    static String maskPassword(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1******");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Builds a {@link ServerConfig}; every setting starts at its default. */
    public static final class Builder {
        private int port = DEFAULT_PORT;
        private Path dataDir = DEFAULT_DATA_DIR;
        private String store;
        private String kafka;
        private Integer kafkaReplicas;
        private Integer kafkaMinInSync;
        private ApiKey secretKey;
        private ApiKey publishableKey;
        private List<String> allowedOrigins = List.of();
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
        private Synchronous synchronous = Synchronous.FULL;
        private LogLevel logLevel = LogLevel.INFO;
        private RateLimits rateLimits = RateLimits.defaults();
        private Path policyFile;
        private String pseudonymKeys;
        private Admission admission = Admission.defaults();

        private Builder() {
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            return this;
        }

        /** The JDBC URL of a PostgreSQL database to use instead of the embedded store, or null for the embedded one. */
        public Builder store(String store) {
            this.store = store;
            return this;
        }

        /** Kafka's HOST:PORT[,HOST:PORT...] to run as a node of a cluster (needs {@link #store}), or null. */
        public Builder kafka(String kafka) {
            this.kafka = kafka;
            return this;
        }

        /**
         * Least replication factor of the changes topic in cluster mode, or null for the production default 3.
         * Below 3 only for development (1 on a single broker).
         */
        public Builder kafkaReplicas(Integer kafkaReplicas) {
            this.kafkaReplicas = kafkaReplicas;
            return this;
        }

        /**
         * Least {@code min.insync.replicas} of the changes topic in cluster mode, at most {@link #kafkaReplicas}, or
         * null for the default 2 (fewer when the replicas are fewer).
         */
        public Builder kafkaMinInSync(Integer kafkaMinInSync) {
            this.kafkaMinInSync = kafkaMinInSync;
            return this;
        }

        /** The secret key, or null for none. */
        public Builder secretKey(ApiKey secretKey) {
            this.secretKey = secretKey;
            return this;
        }

        public Builder secretKey(String secretKey) {
            return secretKey(ApiKey.of(secretKey));
        }

        /** The publishable key, or null for none. */
        public Builder publishableKey(ApiKey publishableKey) {
            this.publishableKey = publishableKey;
            return this;
        }

        public Builder publishableKey(String publishableKey) {
            return publishableKey(ApiKey.of(publishableKey));
        }

        public Builder allowedOrigins(List<String> allowedOrigins) {
            this.allowedOrigins = List.copyOf(allowedOrigins);
            return this;
        }

        public Builder maxBodyBytes(long maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        public Builder maxBatchSize(int maxBatchSize) {
            this.maxBatchSize = maxBatchSize;
            return this;
        }

        public Builder synchronous(Synchronous synchronous) {
            this.synchronous = Objects.requireNonNull(synchronous, "synchronous");
            return this;
        }

        public Builder logLevel(LogLevel logLevel) {
            this.logLevel = Objects.requireNonNull(logLevel, "logLevel");
            return this;
        }

        /** Request rate limits and the trusted reverse proxies; {@link RateLimits#defaults()} unless set. */
        public Builder rateLimits(RateLimits rateLimits) {
            this.rateLimits = Objects.requireNonNull(rateLimits, "rateLimits");
            return this;
        }

        /** The data policy file (JSON or YAML), or null for the default policy. */
        public Builder policyFile(Path policyFile) {
            this.policyFile = policyFile;
            return this;
        }

        /**
         * The pseudonym keys, {@code id:base64,id:base64} with the current key first, or null to keep a generated key
         * in the data directory (embedded store only).
         */
        public Builder pseudonymKeys(String pseudonymKeys) {
            this.pseudonymKeys = pseudonymKeys;
            return this;
        }

        /** How many requests are handled and wait at once ({@link Admission#defaults()} unless set). */
        public Builder admission(Admission admission) {
            this.admission = Objects.requireNonNull(admission, "admission");
            return this;
        }

        /** The config; throws {@link IllegalArgumentException} naming the setting when a value is out of range. */
        public ServerConfig build() {
            return new ServerConfig(port, dataDir, Optional.ofNullable(store), Optional.ofNullable(kafka),
                    Optional.ofNullable(kafkaReplicas), Optional.ofNullable(kafkaMinInSync),
                    Optional.ofNullable(secretKey),
                    Optional.ofNullable(publishableKey),
                    allowedOrigins, maxBodyBytes, maxBatchSize, synchronous, logLevel, rateLimits,
                    Optional.ofNullable(policyFile), Optional.ofNullable(pseudonymKeys), admission);
        }
    }
}
