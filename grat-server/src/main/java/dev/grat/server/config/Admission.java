package dev.grat.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How much work the server takes at once, so that memory stays bounded under any load: at most
 * {@code maxInFlight} requests are handled at a time (each may hold a body of up to {@code max.body.bytes}); up to
 * {@code maxQueued} more wait, each at most {@code maxWait}, for one of them to finish; past that a request is
 * answered at once with 429 and {@code Retry-After} instead of adding to a queue without bound.
 *
 * @param maxInFlight requests handled at once
 * @param maxQueued   requests waiting for a free place; beyond, 429 at once
 * @param maxWait     longest wait for a free place; then 429
 */
public record Admission(int maxInFlight, int maxQueued, Duration maxWait) {

    public static final int DEFAULT_MAX_IN_FLIGHT = 256;
    public static final int DEFAULT_MAX_QUEUED = 1024;
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(2);

    public Admission {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max.in.flight must be at least 1, was " + maxInFlight);
        }
        if (maxQueued < 0) {
            throw new IllegalArgumentException("max.queued must not be negative, was " + maxQueued);
        }
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("max.wait.ms must not be negative, was " + maxWait.toMillis());
        }
    }

    /**
     * The defaults: 256 in flight (with 1 MiB bodies at most 256 MiB of bodies in memory), 1,024 waiting up to 2 s.
     * The benchmarks send from a handful of connections, far below them.
     */
    public static Admission defaults() {
        return new Admission(DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_QUEUED, DEFAULT_MAX_WAIT);
    }

    public Admission withMaxInFlight(int max) {
        return new Admission(max, maxQueued, maxWait);
    }

    public Admission withMaxQueued(int max) {
        return new Admission(maxInFlight, max, maxWait);
    }

    public Admission withMaxWait(Duration wait) {
        return new Admission(maxInFlight, maxQueued, wait);
    }
}
