package dev.grat.server.http;

import dev.grat.server.config.Rate;
import dev.grat.server.config.RateLimits;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Token buckets in front of every route: one per client address for requests without the secret key (so that
 * guessing keys is slow too), one for the publishable key and one for the secret key. A refused request costs a
 * bucket lookup and nothing else. The per-source table holds at most {@link RateLimits#maxTrackedSources()}
 * addresses; past that the least recently seen is forgotten, which at worst gives that address a fresh burst.
 */
final class RateLimiter {

    /** The limit that refused a request, by the name the 429 answer gives it. */
    enum Limit {
        PER_SOURCE("per-source", "requests from this address"),
        PUBLISHABLE_KEY("publishable-key", "requests with the publishable key (all browsers together)"),
        SECRET_KEY("secret-key", "requests with the secret key");

        private final String wireName;
        private final String what;

        Limit(String wireName, String what) {
            this.wireName = wireName;
            this.what = what;
        }

        String wireName() {
            return wireName;
        }

        String what() {
            return what;
        }
    }

    /** Why a request is refused and when to come back. */
    record Refusal(Limit limit, Rate rate, long retryAfterSeconds) {
    }

    private final RateLimits limits;
    private final LongSupplier nanoTime;
    private final TokenBucket secret;
    private final TokenBucket publishable;
    private final SourceTable sources;

    RateLimiter(RateLimits limits, LongSupplier nanoTime) {
        this.limits = limits;
        this.nanoTime = nanoTime;
        long now = nanoTime.getAsLong();
        this.secret = new TokenBucket(limits.secretKey(), now);
        this.publishable = new TokenBucket(limits.publishableKey(), now);
        this.sources = new SourceTable(limits.maxTrackedSources());
    }

    /** Takes a token from each bucket the request counts against; the first that is empty refuses it. */
    Optional<Refusal> admit(Authorizer.Caller caller, String source) {
        long now = nanoTime.getAsLong();
        if (caller.kind() == Authorizer.Caller.Kind.SECRET) {
            return take(Limit.SECRET_KEY, limits.secretKey(), secret, now);
        }
        if (!limits.perSource().isOff()) {
            Optional<Refusal> refusal = take(Limit.PER_SOURCE, limits.perSource(), sources.bucket(source, now), now);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        if (caller.kind() == Authorizer.Caller.Kind.PUBLISHABLE) {
            return take(Limit.PUBLISHABLE_KEY, limits.publishableKey(), publishable, now);
        }
        return Optional.empty();
    }

    /** Source addresses currently tracked (at most {@code maxTrackedSources}). */
    int trackedSources() {
        return sources.size();
    }

    private static Optional<Refusal> take(Limit limit, Rate rate, TokenBucket bucket, long now) {
        if (rate.isOff()) {
            return Optional.empty();
        }
        long waitNanos = bucket.take(now);
        if (waitNanos == 0) {
            return Optional.empty();
        }
        long seconds = Math.max(1, (waitNanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
        return Optional.of(new Refusal(limit, rate, seconds));
    }

    /** The per-source buckets, least recently used first; bounded. */
    private final class SourceTable {

        private final int max;
        private final LinkedHashMap<String, TokenBucket> buckets;

        SourceTable(int max) {
            this.max = max;
            this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, TokenBucket> eldest) {
                    return size() > SourceTable.this.max;
                }
            };
        }

        synchronized TokenBucket bucket(String source, long now) {
            return buckets.computeIfAbsent(source, key -> new TokenBucket(limits.perSource(), now));
        }

        synchronized int size() {
            return buckets.size();
        }
    }
}
