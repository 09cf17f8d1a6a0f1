package dev.grat.experiment;

/**
 * The chi-square goodness-of-fit test of the visitors per group against the designed shares. A mismatch means
 * the assignment or the logging is broken (e.g. a variant that crashes loses visitors), and every other
 * number of the experiment is suspect.
 *
 * @param chiSquare the statistic
 * @param degrees   its degrees of freedom (groups − 1)
 * @param pValue    P(χ² ≥ statistic) if the assignment works
 * @param mismatch  whether {@code pValue} is below the threshold
 */
public record SampleRatioCheck(double chiSquare, int degrees, double pValue, double threshold, boolean mismatch) {

    /** The check of observed counts against expected shares (which sum to 1). */
    public static SampleRatioCheck of(long[] observed, double[] shares, double threshold) {
        if (observed.length != shares.length || observed.length < 2) {
            throw new IllegalArgumentException("need at least two groups with one share each");
        }
        long total = 0;
        for (long count : observed) {
            total += count;
        }
        if (total == 0) {
            return new SampleRatioCheck(0, observed.length - 1, 1, threshold, false);
        }
        double statistic = 0;
        for (int i = 0; i < observed.length; i++) {
            double expected = total * shares[i];
            statistic += (observed[i] - expected) * (observed[i] - expected) / expected;
        }
        double p = Statistics.chiSquareSurvival(statistic, observed.length - 1);
        return new SampleRatioCheck(statistic, observed.length - 1, p, threshold, p < threshold);
    }
}
