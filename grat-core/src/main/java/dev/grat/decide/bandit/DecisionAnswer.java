package dev.grat.decide.bandit;

import java.util.List;
import java.util.Set;

/**
 * The answer to a {@link DecisionRequest}.
 *
 * @param decisionId    send it back with the reward, or on the events the decision leads to
 * @param chosen        the id of the chosen candidate (the first of the ranking)
 * @param ranking       every candidate: the chosen one first, then by probability and score
 * @param policy        the policy that decided, e.g. {@code linucb(alpha=0.5, exploration=0.05)} or {@code holdout}
 * @param experimentId  the experiment the visitor is in on this slot, or null
 * @param variant       the visitor's group in it (a variant or {@code holdout}), or null
 * @param featureGroups the kinds of information the decision used
 * @param explanation   why, in words a visitor can read
 */
public record DecisionAnswer(String decisionId, String slot, String chosen, List<RankedAction> ranking, String policy,
                             String experimentId, String variant, Set<FeatureGroup> featureGroups, String explanation) {

    public DecisionAnswer {
        ranking = List.copyOf(ranking);
        featureGroups = Set.copyOf(featureGroups);
    }
}
