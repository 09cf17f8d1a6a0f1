package dev.grat.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Builds a {@link ServerConfig} from layers: defaults, then a properties file, then environment variables,
 * then command-line flags; a later layer overrides an earlier one. Only the value that wins is checked, and every
 * error names its source and setting.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /**
     * Loads the config.
     *
     * @param start       defaults to start from (a command may change a default, e.g. the demo's data dir)
     * @param file        a properties file, or null
     * @param environment the process environment ({@code System.getenv()})
     * @param flags       values given on the command line
     * @throws ConfigException naming the source and the setting at fault
     */
    public static ServerConfig load(ServerConfig start, Path file, Map<String, String> environment,
                                    Map<Setting, String> flags) {
        // Only the value that wins is applied, in the order of Setting: a check across settings (kafka.min.insync
        // at most kafka.replicas) then sees the final values, not those of a layer that a later one changes.
        Map<Setting, Given> given = new EnumMap<>(Setting.class);
        if (file != null) {
            Properties properties = read(file);
            for (String name : properties.stringPropertyNames()) {
                Setting setting = Setting.byProperty(name).orElseThrow(() -> new ConfigException(
                        file + ": unknown setting \"" + name + "\"; known settings: " + knownProperties()));
                given.put(setting, new Given(properties.getProperty(name), file + ": " + name));
            }
        }
        for (Setting setting : Setting.values()) {
            String value = environment.get(setting.environmentVariable());
            if (value != null && !value.isEmpty()) {
                given.put(setting, new Given(value, "environment variable " + setting.environmentVariable()));
            }
        }
        flags.forEach((setting, value) -> given.put(setting, new Given(value,
                setting.flag().orElse(setting.property()))));
        ServerConfig.Builder builder = start.toBuilder();
        given.forEach((setting, value) -> apply(builder, setting, value.raw(), value.source()));
        return builder.build();
    }

    /** A value as given, and where: the file and key, the environment variable or the flag. */
    private record Given(String raw, String source) {
    }

    private static Properties read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read the config file " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // Properties.load refuses a malformed unicode escape this way (found by ConfigFuzzTest).
            throw new ConfigException("the config file " + file + " is not a valid properties file: " + e.getMessage(), e);
        }
        return properties;
    }

    /** Applies one value, checking it at once so that the error names the source that gave it. */
    private static void apply(ServerConfig.Builder builder, Setting setting, String raw, String source) {
        String value = raw.trim();
        try {
            switch (setting) {
                case PORT -> builder.port(parseInt(value));
                case DATA_DIR -> builder.dataDir(Path.of(value));
                case STORE -> builder.store(value);
                case KAFKA -> builder.kafka(value);
                case KAFKA_REPLICAS -> builder.kafkaReplicas(parseInt(value));
                case KAFKA_MIN_INSYNC -> builder.kafkaMinInSync(parseInt(value));
                case SECRET_KEY -> builder.secretKey(value);
                case PUBLISHABLE_KEY -> builder.publishableKey(value);
                case ALLOWED_ORIGINS -> builder.allowedOrigins(splitList(value));
                case MAX_BODY_BYTES -> builder.maxBodyBytes(parseLong(value));
                case MAX_BATCH_SIZE -> builder.maxBatchSize(parseInt(value));
                case MAX_IN_FLIGHT -> builder.admission(admission(builder).withMaxInFlight(parseInt(value)));
                case MAX_QUEUED -> builder.admission(admission(builder).withMaxQueued(parseInt(value)));
                case MAX_WAIT_MS -> builder.admission(admission(builder).withMaxWait(
                        java.time.Duration.ofMillis(parseLong(value))));
                case SYNCHRONOUS -> builder.synchronous(parseEnum(ServerConfig.Synchronous.class, value));
                case LOG_LEVEL -> builder.logLevel(parseEnum(ServerConfig.LogLevel.class, value));
                case RATE_LIMIT_SOURCE -> builder.rateLimits(limits(builder).withPerSource(Rate.parse(value)));
                case RATE_LIMIT_PUBLISHABLE -> builder.rateLimits(limits(builder).withPublishableKey(Rate.parse(value)));
                case RATE_LIMIT_SECRET -> builder.rateLimits(limits(builder).withSecretKey(Rate.parse(value)));
                case TRUSTED_PROXIES -> builder.rateLimits(limits(builder).withTrustedProxies(splitList(value)));
                case POLICY_FILE -> builder.policyFile(Path.of(value));
                case PSEUDONYM_KEYS -> builder.pseudonymKeys(value);
            }
            builder.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + e.getMessage());
        }
    }

    private static Admission admission(ServerConfig.Builder builder) {
        return builder.build().admission();
    }

    private static RateLimits limits(ServerConfig.Builder builder) {
        return builder.build().rateLimits();
    }

    private static int parseInt(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number, was \"" + value + "\"");
        }
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number, was \"" + value + "\"");
        }
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        String names = String.join(", ", Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
        throw new IllegalArgumentException("must be one of: " + names + ", was \"" + value + "\"");
    }

    private static List<String> splitList(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String knownProperties() {
        return String.join(", ", Arrays.stream(Setting.values()).map(Setting::property).toList());
    }
}
