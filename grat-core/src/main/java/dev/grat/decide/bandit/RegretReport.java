package dev.grat.decide.bandit;

/**
 * The regret of one simulated run, in expected clicks.
 *
 * @param checkpoints    rounds at which the regret was recorded
 * @param vsOracle       cumulative regret against showing each visitor the best offer for their context
 * @param vsBestFixed    cumulative regret against always showing the offer that is best on average (negative when
 *                       the policy beats it)
 */
public record RegretReport(String policy, int rounds, long clicks, int[] checkpoints, double[] vsOracle,
                           double[] vsBestFixed) {

    /** The cumulative regret against the oracle after all rounds. */
    public double finalRegret() {
        return vsOracle[vsOracle.length - 1];
    }

    /** The regret against the oracle at checkpoint {@code i}. */
    public double regretAt(int i) {
        return vsOracle[i];
    }
}
