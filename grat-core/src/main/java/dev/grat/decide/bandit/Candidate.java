package dev.grat.decide.bandit;

import java.util.Map;

/**
 * One action a decision may choose: an offer, a banner, a greeting variant, a navigation entry.
 *
 * @param id       the action's id, unique within one request
 * @param features feature name to value; a categorical feature is named {@code name=value} with value 1
 *                 (e.g. {@code category=Shoes}, {@code type=discount}), a number keeps its name
 *                 (e.g. {@code discount -> 0.2}); at most {@link #MAX_FEATURES}; null is none
 */
public record Candidate(String id, Features features) {

    /** The most features one candidate may have. */
    public static final int MAX_FEATURES = 100;

    public Candidate {
        features = features == null ? Features.empty() : features;
    }

    /** A candidate from any map of features (copied). */
    public Candidate(String id, Map<String, Double> features) {
        this(id, Features.of(features));
    }
}
