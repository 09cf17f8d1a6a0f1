package dev.grat;

import dev.grat.event.EventType;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Tuning of the engine. Every setting has a safe default; {@link #defaults()} is what the server uses.
 *
 * @param maxBatchSize       most events in one {@code track} call, and most items in one catalog batch (default 1000)
 * @param recentInteractions product interactions kept per visitor profile (default 50)
 * @param coViewWindow       how many of a visitor's latest distinct products a new one is paired with for
 *                           "viewed together" (default 20)
 * @param affinityHalfLife   after this long an interest counts half (default 14 days)
 * @param popularityHalfLife after this long a view or sale counts half for popularity (default 7 days)
 * @param maxClockSkew       how far in the future an event timestamp may lie (default 5 minutes)
 * @param eventWeights       how much each event type says about interest (purchase 5, add_to_cart 3, view 1, ...)
 * @param popularityRefresh  how stale the popularity ranking may be while events arrive (default 1 s); it is
 *                           recomputed in the background, a sort of the whole catalog each time
 * @param ingestConcurrency  most threads validating or applying events to memory at once (default: the cores but
 *                           one, at least 1); the rest of the cores stay free for recommendations and decisions
 *                           whatever the rate of events, which otherwise queue them behind event batches. Waiting
 *                           for the store's commit does not count
 */
public record EngineSettings(int maxBatchSize, int recentInteractions, int coViewWindow, Duration affinityHalfLife,
                             Duration popularityHalfLife, Duration maxClockSkew, Map<EventType, Double> eventWeights,
                             Duration popularityRefresh, int ingestConcurrency) {

    public EngineSettings {
        require(maxBatchSize >= 1, "maxBatchSize must be at least 1, was " + maxBatchSize);
        require(recentInteractions >= 1, "recentInteractions must be at least 1, was " + recentInteractions);
        require(coViewWindow >= 1, "coViewWindow must be at least 1, was " + coViewWindow);
        require(!affinityHalfLife.isNegative() && !affinityHalfLife.isZero(), "affinityHalfLife must be positive");
        require(!popularityHalfLife.isNegative() && !popularityHalfLife.isZero(), "popularityHalfLife must be positive");
        require(!maxClockSkew.isNegative(), "maxClockSkew must not be negative");
        require(!popularityRefresh.isNegative(), "popularityRefresh must not be negative");
        require(ingestConcurrency >= 1, "ingestConcurrency must be at least 1, was " + ingestConcurrency);
        EnumMap<EventType, Double> weights = new EnumMap<>(EventType.class);
        weights.putAll(defaultWeights());
        weights.putAll(eventWeights);
        weights.forEach((type, weight) -> require(weight >= 0 && Double.isFinite(weight),
                "eventWeights[" + type.wireName() + "] must be a finite number >= 0, was " + weight));
        // An EnumMap, not Map.copyOf: weightOf runs several times for every event and recommendation.
        eventWeights = java.util.Collections.unmodifiableMap(weights);
    }

    public static EngineSettings defaults() {
        return new EngineSettings(1000, 50, 20, Duration.ofDays(14), Duration.ofDays(7), Duration.ofMinutes(5),
                defaultWeights(), Duration.ofSeconds(1), Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
    }

    /** The weight of an event type for interest and popularity. */
    public double weightOf(EventType type) {
        return eventWeights.getOrDefault(type, 0.0);
    }

    public EngineSettings withMaxBatchSize(int value) {
        return new EngineSettings(value, recentInteractions, coViewWindow, affinityHalfLife, popularityHalfLife,
                maxClockSkew, eventWeights, popularityRefresh, ingestConcurrency);
    }

    public EngineSettings withEventWeights(Map<EventType, Double> value) {
        return new EngineSettings(maxBatchSize, recentInteractions, coViewWindow, affinityHalfLife,
                popularityHalfLife, maxClockSkew, value, popularityRefresh, ingestConcurrency);
    }

    /** The same settings with another popularity refresh interval; tests use zero to see every event at once. */
    public EngineSettings withPopularityRefresh(Duration value) {
        return new EngineSettings(maxBatchSize, recentInteractions, coViewWindow, affinityHalfLife,
                popularityHalfLife, maxClockSkew, eventWeights, value, ingestConcurrency);
    }

    /** The same settings with another bound on the threads applying events at once. */
    public EngineSettings withIngestConcurrency(int value) {
        return new EngineSettings(maxBatchSize, recentInteractions, coViewWindow, affinityHalfLife,
                popularityHalfLife, maxClockSkew, eventWeights, popularityRefresh, value);
    }

    private static Map<EventType, Double> defaultWeights() {
        EnumMap<EventType, Double> weights = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            weights.put(type, 0.0);
        }
        weights.put(EventType.PRODUCT_VIEW, 1.0);
        weights.put(EventType.RECOMMENDATION_CLICK, 1.5);
        weights.put(EventType.CATEGORY_VIEW, 0.5);
        weights.put(EventType.EMAIL_CLICK, 1.0);
        weights.put(EventType.OFFER_CLICK, 1.0);
        weights.put(EventType.ADD_TO_CART, 3.0);
        weights.put(EventType.PURCHASE, 5.0);
        return weights;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
