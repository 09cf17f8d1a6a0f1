package dev.grat.server.http;

import dev.grat.server.config.Rate;

/**
 * One token bucket: holds up to {@code burst} tokens, gains {@code perSecond} a second, and each request takes one.
 * Time comes from the caller (nanoseconds of a monotonic clock), so that tests can move it.
 */
final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1e9;

    private final double perNano;
    private final double capacity;
    private double tokens;
    private long updatedNanos;

    TokenBucket(Rate rate, long nowNanos) {
        this.perNano = rate.perSecond() / NANOS_PER_SECOND;
        this.capacity = rate.burst();
        this.tokens = capacity;
        this.updatedNanos = nowNanos;
    }

    /** Takes a token: 0 when one was there, else the nanoseconds until one will be (nothing is taken then). */
    synchronized long take(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / perNano));
    }

    /** Whether the bucket is full again: then forgetting it changes nothing. */
    synchronized boolean isFull(long nowNanos) {
        refill(nowNanos);
        return tokens >= capacity;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - updatedNanos;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * perNano);
            updatedNanos = nowNanos;
        }
    }
}
