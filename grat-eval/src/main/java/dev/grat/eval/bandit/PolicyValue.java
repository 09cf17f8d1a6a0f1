package dev.grat.eval.bandit;

import java.util.List;

/**
 * The estimated value of one target policy on one log.
 *
 * @param rounds              logged rounds used
 * @param meanWeight          mean importance weight π/p (near 1 when the log supports the policy)
 * @param effectiveSampleSize (Σw)² / Σw²: how many rounds the estimate is really worth
 * @param effectiveClicks     the effective sample size times the SNIPS estimate: about how many clicks the
 *                            estimate rests on (for 0/1 rewards); below {@value #FEW_CLICKS} the bootstrap cannot see
 *                            how uncertain the estimate is (with no click where the policy puts its mass, every
 *                            resample says zero), and its interval is not to be trusted
 * @param estimates           IPS, SNIPS and DR
 */
public record PolicyValue(String policy, int rounds, double meanWeight, double effectiveSampleSize, double effectiveClicks,
                          List<OpeEstimate> estimates) {

    /** Below this many effective clicks the intervals are flagged as unreliable. */
    public static final int FEW_CLICKS = 10;

    public PolicyValue {
        estimates = List.copyOf(estimates);
    }

    /** Whether so few clicks carry the estimate that its intervals understate the uncertainty. */
    public boolean fewClicks() {
        return effectiveClicks < FEW_CLICKS;
    }

    /** The estimate of one estimator. */
    public OpeEstimate estimate(String estimator) {
        return estimates.stream().filter(e -> e.estimator().equals(estimator)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + estimator + " estimate"));
    }
}
