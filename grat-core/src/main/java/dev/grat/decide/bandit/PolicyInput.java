package dev.grat.decide.bandit;

import java.util.List;

/**
 * The candidates of one decision as a policy sees them.
 *
 * @param actionIds  the candidates' ids
 * @param features   each candidate's encoded features, same order
 * @param ruleChoice the index of the candidate the shop's own rule would show, or -1 when it sent none
 */
public record PolicyInput(List<String> actionIds, List<FeatureVector> features, int ruleChoice) {

    public PolicyInput {
        actionIds = List.copyOf(actionIds);
        features = List.copyOf(features);
        if (actionIds.isEmpty() || actionIds.size() != features.size()) {
            throw new IllegalArgumentException("need one feature vector per candidate and at least one candidate, got "
                    + actionIds.size() + " ids and " + features.size() + " vectors");
        }
        if (ruleChoice < -1 || ruleChoice >= actionIds.size()) {
            throw new IllegalArgumentException("ruleChoice must be -1 or a candidate index, was " + ruleChoice);
        }
    }

    public int size() {
        return actionIds.size();
    }
}
