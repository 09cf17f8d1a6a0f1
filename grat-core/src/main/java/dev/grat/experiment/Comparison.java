package dev.grat.experiment;

/**
 * A group's rate against the control's.
 *
 * @param difference               group rate minus control rate
 * @param low                      lower end of the always-valid confidence interval of the difference
 * @param high                     upper end of it
 * @param alwaysValidP             the always-valid p-value of "no difference" (mixture SPRT)
 * @param significant              whether {@code alwaysValidP} is below alpha: safe to act on at any time
 * @param probabilityToBeatControl posterior probability that the group's rate exceeds the control's
 *                                 (independent Beta(1 + successes, 1 + failures) posteriors, Monte Carlo)
 */
public record Comparison(double difference, double low, double high, double alwaysValidP, boolean significant,
                         double probabilityToBeatControl) {
}
