package dev.grat.decide.bandit;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The context side of a decision: named feature values and the groups they came from.
 *
 * @param values feature name to value; categorical features are named {@code name=value} with value 1
 * @param groups the feature groups that contributed at least one value
 */
public record ContextFeatures(Map<String, Double> values, Set<FeatureGroup> groups) {

    public ContextFeatures {
        values = Collections.unmodifiableMap(new TreeMap<>(values));
        EnumSet<FeatureGroup> sorted = EnumSet.noneOf(FeatureGroup.class);
        sorted.addAll(groups);
        groups = Collections.unmodifiableSet(sorted);
    }

    /** Features with no information at all. */
    public static ContextFeatures empty() {
        return new ContextFeatures(Map.of(), Set.of());
    }

    /** Whether any personal (consented profile) data went into these features. */
    public boolean personal() {
        return groups.stream().anyMatch(FeatureGroup::isPersonal);
    }
}
