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
    SYNCHRONOUS("synchronous", "GRAT_SYNCHRONOUS", "--synchronous", "full",
            "full: acknowledged writes survive power loss; normal: they survive a crash of the process"),
    LOG_LEVEL("log.level", "GRAT_LOG_LEVEL", "--log-level", "info",
            "debug, info, warn or error; debug also logs one line per request");

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
