package dev.grat.decide.bandit;

/**
 * The outcome of one settled decision, as a policy learns from it.
 *
 * @param chosen             the encoded features of the shown candidate
 * @param reward             the total reward within the attribution window (0 when nothing happened)
 * @param propensity         the logged probability of the shown candidate
 * @param learnerProbability apprentice mode: the learner's probability of the shown candidate, else NaN
 * @param ruleProbability    apprentice mode: the rule's probability of the shown candidate, else NaN
 */
public record Feedback(FeatureVector chosen, double reward, double propensity, double learnerProbability,
                       double ruleProbability) {

    public Feedback {
        if (!Double.isFinite(reward)) {
            throw new IllegalArgumentException("reward must be a finite number, was " + reward);
        }
        if (!(propensity > 0 && propensity <= 1)) {
            throw new IllegalArgumentException("propensity must be in (0, 1], was " + propensity);
        }
    }

    /** Feedback of a decision that was not made in apprentice mode. */
    public static Feedback of(FeatureVector chosen, double reward, double propensity) {
        return new Feedback(chosen, reward, propensity, Double.NaN, Double.NaN);
    }
}
