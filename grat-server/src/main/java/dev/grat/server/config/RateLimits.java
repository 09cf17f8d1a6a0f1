package dev.grat.server.config;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * How many requests the server takes before it answers 429: per source address (every request that does not carry
 * the secret key, including failed key guesses), for the publishable key as a whole (every browser together) and
 * for the secret key.
 *
 * @param perSource          per client address; IPv6 addresses count per /64, the block one host usually has
 * @param publishableKey     the publishable key, over all browsers: protects capacity, not fairness
 * @param secretKey          the secret key (the shop's servers); such requests skip the per-source limit
 * @param trustedProxies     addresses or CIDR blocks of reverse proxies whose {@code X-Forwarded-For} names the
 *                           client; without them every client behind a proxy would share the proxy's bucket
 * @param maxTrackedSources  most source addresses kept in memory; the least recently seen is forgotten first
 */
public record RateLimits(Rate perSource, Rate publishableKey, Rate secretKey, List<String> trustedProxies,
                         int maxTrackedSources) {

    public static final Rate DEFAULT_PER_SOURCE = new Rate(100, 400);
    public static final Rate DEFAULT_PUBLISHABLE_KEY = new Rate(5_000, 10_000);
    public static final Rate DEFAULT_SECRET_KEY = new Rate(20_000, 40_000);
    public static final int DEFAULT_MAX_TRACKED_SOURCES = 100_000;

    public RateLimits {
        Objects.requireNonNull(perSource, "perSource");
        Objects.requireNonNull(publishableKey, "publishableKey");
        Objects.requireNonNull(secretKey, "secretKey");
        trustedProxies = trustedProxies.stream().map(RateLimits::checkBlock).toList();
        if (maxTrackedSources < 1) {
            throw new IllegalArgumentException("maxTrackedSources must be at least 1, was " + maxTrackedSources);
        }
    }

    /** The defaults: 100 a second (burst 400) per source, 5,000 (10,000) for the publishable key, 20,000 (40,000) for the secret key. */
    public static RateLimits defaults() {
        return new RateLimits(DEFAULT_PER_SOURCE, DEFAULT_PUBLISHABLE_KEY, DEFAULT_SECRET_KEY, List.of(),
                DEFAULT_MAX_TRACKED_SOURCES);
    }

    /** No limit at all, e.g. for a benchmark that measures the server's own capacity. */
    public static RateLimits off() {
        return new RateLimits(Rate.OFF, Rate.OFF, Rate.OFF, List.of(), DEFAULT_MAX_TRACKED_SOURCES);
    }

    public RateLimits withPerSource(Rate rate) {
        return new RateLimits(rate, publishableKey, secretKey, trustedProxies, maxTrackedSources);
    }

    public RateLimits withPublishableKey(Rate rate) {
        return new RateLimits(perSource, rate, secretKey, trustedProxies, maxTrackedSources);
    }

    public RateLimits withSecretKey(Rate rate) {
        return new RateLimits(perSource, publishableKey, rate, trustedProxies, maxTrackedSources);
    }

    public RateLimits withTrustedProxies(List<String> blocks) {
        return new RateLimits(perSource, publishableKey, secretKey, blocks, maxTrackedSources);
    }

    public RateLimits withMaxTrackedSources(int max) {
        return new RateLimits(perSource, publishableKey, secretKey, trustedProxies, max);
    }

    /**
     * An address literal or a CIDR block ({@code 10.0.0.0/8}, {@code fd00::/8}), trimmed; never resolved through
     * DNS.
     */
    private static String checkBlock(String block) {
        String value = block.trim();
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        try {
            int bits = InetAddress.ofLiteral(address).getAddress().length * 8;
            if (slash >= 0) {
                int prefix = Integer.parseInt(value.substring(slash + 1));
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException();
                }
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trusted proxy \"" + value + "\" is not an IP address or CIDR block"
                    + " such as 10.0.0.5, 10.0.0.0/8 or fd00::/8");
        }
    }
}
