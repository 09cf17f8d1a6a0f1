package dev.grat.recommend.model;

import dev.grat.EngineSettings;
import dev.grat.event.EventType;

import java.util.EnumMap;
import java.util.Map;

/**
 * How strongly each event type says a visitor likes a product, for training and fold-in.
 *
 * @param perType    weight of each event type; types not listed weigh 0 and are ignored
 * @param maxPerItem cap on the summed weight of one visitor and one product (default 10), so that many
 *                   views of one product do not drown everything else out
 */
public record EventWeights(Map<EventType, Double> perType, double maxPerItem) {

    public EventWeights {
        EnumMap<EventType, Double> copy = new EnumMap<>(EventType.class);
        perType.forEach((type, weight) -> {
            if (weight == null || !(weight >= 0) || !Double.isFinite(weight)) {
                throw new IllegalArgumentException("perType[" + type.wireName() + "] must be a finite number >= 0, was "
                        + weight);
            }
            copy.put(type, weight);
        });
        if (!(maxPerItem > 0)) {
            throw new IllegalArgumentException("maxPerItem must be positive, was " + maxPerItem);
        }
        perType = Map.copyOf(copy);
    }

    /** The engine's interest weights (view 1, recommendation click 1.5, add to cart 3, purchase 5) for product events. */
    public static EventWeights from(EngineSettings settings) {
        EnumMap<EventType, Double> weights = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            if (type.isItemInteraction()) {
                weights.put(type, settings.weightOf(type));
            }
        }
        return new EventWeights(weights, 10);
    }

    public static EventWeights defaults() {
        return from(EngineSettings.defaults());
    }

    public double weightOf(EventType type) {
        return perType.getOrDefault(type, 0.0);
    }
}
