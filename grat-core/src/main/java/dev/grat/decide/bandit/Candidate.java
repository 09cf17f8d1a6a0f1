package dev.grat.decide.bandit;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One action a decision may choose: an offer, a banner, a greeting variant, a navigation entry.
 *
 * @param id       the action's id, unique within one request
 * @param features feature name to value; a categorical feature is named {@code name=value} with value 1
 *                 (e.g. {@code category=Shoes}, {@code type=discount}), a number keeps its name
 *                 (e.g. {@code discount -> 0.2}); at most {@link #MAX_FEATURES}
 */
public record Candidate(String id, Map<String, Double> features) {

    /** The most features one candidate may have. */
    public static final int MAX_FEATURES = 100;

    public Candidate {
        features = features == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(features));
    }
}
