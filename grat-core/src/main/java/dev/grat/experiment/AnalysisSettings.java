package dev.grat.experiment;

/**
 * How experiment results are computed.
 *
 * @param alpha          1 − confidence of every interval, and the significance level of the tests (default 0.05)
 * @param mixtureSd      the standard deviation τ of the normal mixture over the true difference in the mixture
 *                       sequential probability ratio test: the size of difference the test is tuned to find
 *                       (default 0.01, one percentage point)
 * @param srmThreshold   p-value below which the sample-ratio check flags a mismatch (default 0.001)
 * @param posteriorDraws Monte Carlo draws for the probability to beat the control (default 20000)
 * @param seed           seed of those draws, so results are reproducible
 */
public record AnalysisSettings(double alpha, double mixtureSd, double srmThreshold, int posteriorDraws, long seed) {

    public AnalysisSettings {
        if (!(alpha > 0 && alpha < 0.5)) {
            throw new IllegalArgumentException("alpha must be between 0 and 0.5, was " + alpha);
        }
        if (!(mixtureSd > 0 && Double.isFinite(mixtureSd))) {
            throw new IllegalArgumentException("mixtureSd must be positive, was " + mixtureSd);
        }
        if (!(srmThreshold > 0 && srmThreshold < 0.5)) {
            throw new IllegalArgumentException("srmThreshold must be between 0 and 0.5, was " + srmThreshold);
        }
        if (posteriorDraws < 100) {
            throw new IllegalArgumentException("posteriorDraws must be at least 100, was " + posteriorDraws);
        }
    }

    public static AnalysisSettings defaults() {
        return new AnalysisSettings(0.05, 0.01, 0.001, 20_000, 1);
    }
}
