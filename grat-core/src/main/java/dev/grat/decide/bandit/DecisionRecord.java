package dev.grat.decide.bandit;

import java.time.Instant;
import java.util.List;

/**
 * One logged decision: everything needed to learn from it later, to evaluate other policies on it off-line
 * (the full candidate set and the probability of each candidate), and to count it in an experiment.
 *
 * @param visitorId          the visitor, only if they consented to analytics or personalization; else null
 * @param policyKey          the policy instance that decided ({@code slot:<slot>}, {@code experiment:<id>:<variant>})
 *                           or {@code holdout}
 * @param policy             the policy's description at the time
 * @param context            the context features and the groups they came from
 * @param chosen             the index of the shown candidate
 * @param probabilities      each candidate's probability under the deciding policy
 * @param learnerProbability apprentice mode: the learner's probability of the shown candidate, else NaN
 * @param ruleProbability    apprentice mode: the rule's probability of the shown candidate, else NaN
 */
public record DecisionRecord(String id, String slot, String visitorId, Instant decidedAt, String policyKey, String policy,
                             String experimentId, String variant, ContextFeatures context, List<Candidate> candidates,
                             int chosen, List<Double> probabilities, double learnerProbability, double ruleProbability,
                             Outcome outcome) {

    /** The policy key of decisions served to the global holdout. */
    public static final String HOLDOUT = "holdout";

    public DecisionRecord {
        candidates = List.copyOf(candidates);
        probabilities = List.copyOf(probabilities);
    }

    public Candidate chosenCandidate() {
        return candidates.get(chosen);
    }

    /** The logged probability of the shown candidate. */
    public double propensity() {
        return probabilities.get(chosen);
    }

    public DecisionRecord withOutcome(Outcome newOutcome) {
        return new DecisionRecord(id, slot, visitorId, decidedAt, policyKey, policy, experimentId, variant, context,
                candidates, chosen, probabilities, learnerProbability, ruleProbability, newOutcome);
    }
}
