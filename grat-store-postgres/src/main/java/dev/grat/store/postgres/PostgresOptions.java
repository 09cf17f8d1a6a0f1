package dev.grat.store.postgres;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Settings of the PostgreSQL store. {@link #of(String)} gives the defaults for a database.
 *
 * @param jdbcUrl         the database, {@code jdbc:postgresql://HOST:PORT/DB}; it may carry {@code user} and
 *                        {@code password} parameters (they are masked whenever the URL is printed)
 * @param schema          the schema that holds Grat's tables, created if missing (default {@code grat}); lower-case
 *                        letters, digits and underscores, so that several Grat installations can share a database
 * @param poolSize        most connections open at once (default 8); concurrent commits beyond it wait for one
 * @param connectTimeout  how long a call waits for a free connection before it fails (default 10 seconds)
 * @param scrubTimeout    how long an erasure waits for the lock it needs to rewrite the key partition; past it the
 *                        erasure fails and may be retried (default 10 seconds)
 * @param clock           the clock for the day an event id was received (default the system UTC clock)
 */
public record PostgresOptions(String jdbcUrl, String schema, int poolSize, Duration connectTimeout,
                              Duration scrubTimeout, Clock clock) {

    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&]*");
    private static final Pattern CURRENT_SCHEMA = Pattern.compile("[?&]currentSchema=([^&]*)");

    public PostgresOptions {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(scrubTimeout, "scrubTimeout");
        Objects.requireNonNull(clock, "clock");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("jdbcUrl must start with jdbc:postgresql:, was " + masked(jdbcUrl));
        }
        if (!SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema must be 1 to 63 lower-case letters, digits or underscores "
                    + "and not start with a digit, was \"" + schema + "\"");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1, was " + poolSize);
        }
        if (connectTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("connectTimeout must be at least 250 ms, was " + connectTimeout);
        }
        if (scrubTimeout.isNegative() || scrubTimeout.isZero()) {
            throw new IllegalArgumentException("scrubTimeout must be positive, was " + scrubTimeout);
        }
    }

    /**
     * The defaults for the database at {@code jdbcUrl}; the schema is the URL's {@code currentSchema} parameter if it
     * has one, else {@code grat}.
     */
    public static PostgresOptions of(String jdbcUrl) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        var currentSchema = CURRENT_SCHEMA.matcher(jdbcUrl);
        String schema = currentSchema.find() ? currentSchema.group(1) : "grat";
        return new PostgresOptions(jdbcUrl, schema, 8, Duration.ofSeconds(10), Duration.ofSeconds(10),
                Clock.systemUTC());
    }

    public PostgresOptions withSchema(String value) {
        return new PostgresOptions(jdbcUrl, value, poolSize, connectTimeout, scrubTimeout, clock);
    }

    public PostgresOptions withPoolSize(int value) {
        return new PostgresOptions(jdbcUrl, schema, value, connectTimeout, scrubTimeout, clock);
    }

    public PostgresOptions withConnectTimeout(Duration value) {
        return new PostgresOptions(jdbcUrl, schema, poolSize, value, scrubTimeout, clock);
    }

    public PostgresOptions withScrubTimeout(Duration value) {
        return new PostgresOptions(jdbcUrl, schema, poolSize, connectTimeout, value, clock);
    }

    public PostgresOptions withClock(Clock value) {
        return new PostgresOptions(jdbcUrl, schema, poolSize, connectTimeout, scrubTimeout, value);
    }

    /** The URL with any password replaced by asterisks, for messages and logs. */
    public String maskedUrl() {
        return masked(jdbcUrl);
    }

    static String masked(String url) {
        return PASSWORD.matcher(url).replaceAll("$1******");
    }

    @Override
    public String toString() {
        return "PostgresOptions[jdbcUrl=" + maskedUrl() + ", schema=" + schema + ", poolSize=" + poolSize
                + ", connectTimeout=" + connectTimeout + ", scrubTimeout=" + scrubTimeout + ", clock=" + clock + "]";
    }
}
