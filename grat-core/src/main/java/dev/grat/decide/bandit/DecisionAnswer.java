package dev.grat.decide.bandit;

import dev.grat.privacy.DataUse;
import dev.grat.privacy.PrivacyLevel;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
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
 * @param privacyLevel  the visitor's privacy level the decision was taken at
 */
public record DecisionAnswer(String decisionId, String slot, String chosen, List<RankedAction> ranking, String policy,
                             String experimentId, String variant, Set<FeatureGroup> featureGroups, String explanation,
                             PrivacyLevel privacyLevel) {

    public DecisionAnswer {
        ranking = List.copyOf(ranking);
        featureGroups = Set.copyOf(featureGroups);
        Objects.requireNonNull(privacyLevel, "privacyLevel");
    }

    /** Whether the decision used anything of the visitor's profile. */
    public boolean personalized() {
        return featureGroups.stream().anyMatch(FeatureGroup::isPersonal);
    }

    /** The kinds of data the decision drew on, from its feature groups and the level they came from. */
    public List<DataUse> dataUsed() {
        EnumSet<DataUse> uses = EnumSet.of(DataUse.REQUEST_CONTEXT);
        if (personalized() && privacyLevel == PrivacyLevel.SESSION) {
            uses.add(DataUse.SESSION_ACTIVITY);
        } else if (personalized()) {
            for (FeatureGroup group : featureGroups) {
                switch (group) {
                    case AFFINITIES -> uses.add(DataUse.DERIVED_INTERESTS);
                    case RECENCY, VALUE_BAND -> uses.add(DataUse.INTERACTION_HISTORY);
                    case FREQUENCY -> uses.addAll(List.of(DataUse.INTERACTION_HISTORY, DataUse.PURCHASE_HISTORY));
                    case REQUEST_CONTEXT -> { }
                }
            }
            if (privacyLevel == PrivacyLevel.CROSS_CHANNEL) {
                uses.add(DataUse.LINKED_IDENTITIES);
            }
        }
        return DataUse.ordered(uses);
    }
}
