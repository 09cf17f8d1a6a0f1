package dev.grat.eval.bandit;

/**
 * One off-policy estimate of a policy's value (its expected reward per round).
 *
 * @param estimator {@code IPS}, {@code SNIPS} or {@code DR}
 * @param low       lower end of the bootstrap percentile interval
 * @param high      upper end of it
 */
public record OpeEstimate(String estimator, double value, double low, double high) {
}
