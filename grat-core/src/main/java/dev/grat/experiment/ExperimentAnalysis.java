package dev.grat.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Computes {@link ExperimentResults} from the counts of each group.
 *
 * <p>The test of a group against the control is the mixture sequential probability ratio test for a difference
 * of two proportions (Johari, Pekelis and Walsh, "Always valid inference", 2017) with a normal mixture of
 * standard deviation τ over the difference and the normal approximation of the difference's variance: its
 * p-value and confidence interval stay valid however often the results are looked at, so peeking is safe.
 * Next to it, the Bayesian probability to beat the control is given for reading, not for stopping.
 */
public final class ExperimentAnalysis {

    private ExperimentAnalysis() {
    }

    /** The results; {@code counts} holds one entry per group of {@link Experiment#designShares(Holdout)}. */
    public static ExperimentResults analyze(Experiment experiment, Holdout holdout, Map<String, GroupCounts> counts,
                                            AnalysisSettings settings) {
        List<Experiment.GroupShare> shares = experiment.designShares(holdout);
        double z = Statistics.normalQuantile(1 - settings.alpha() / 2);
        GroupCounts control = countsOf(experiment.control(), counts);
        SplittableRandom random = new SplittableRandom(settings.seed());
        List<GroupResult> groups = new ArrayList<>();
        long[] observed = new long[shares.size()];
        double[] expected = new double[shares.size()];
        for (int i = 0; i < shares.size(); i++) {
            Experiment.GroupShare share = shares.get(i);
            GroupCounts group = countsOf(share.group(), counts);
            observed[i] = group.visitors();
            expected[i] = share.share();
            boolean isControl = share.group().equals(experiment.control());
            groups.add(new GroupResult(share.group(), share.share(), group.visitors(), group.exposures(), group.clicks(),
                    wilson(group.clicks(), group.exposures(), z), group.conversions(),
                    wilson(group.conversions(), group.exposures(), z), group.revenue(), revenuePerVisitor(group, z),
                    isControl ? null : compare(group.clicks(), group.exposures(), control.clicks(), control.exposures(), settings, random),
                    isControl ? null : compare(group.conversions(), group.exposures(), control.conversions(), control.exposures(), settings, random)));
        }
        SampleRatioCheck srm = SampleRatioCheck.of(observed, expected, settings.srmThreshold());
        String method = "rates per exposure with " + percent(1 - settings.alpha()) + " Wilson intervals; revenue per visitor with a normal interval; "
                + "each group against " + experiment.control() + " by the always-valid mixture SPRT for a difference of proportions (tau="
                + settings.mixtureSd() + ", alpha=" + settings.alpha() + "), safe to check at any time; probability to beat the control from "
                + "Beta(1+successes, 1+failures) posteriors, " + settings.posteriorDraws() + " Monte Carlo draws (seed " + settings.seed()
                + "); sample-ratio check: chi-square of visitors per group against the design, mismatch below p=" + settings.srmThreshold();
        return new ExperimentResults(experiment.id(), experiment.control(), groups, srm, method);
    }

    /** The Wilson score interval of a proportion. */
    public static Estimate wilson(long successes, long trials, double z) {
        if (trials == 0) {
            return new Estimate(0, 0, 1);
        }
        double p = (double) successes / trials;
        double z2 = z * z;
        double centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
        double half = z * Math.sqrt(p * (1 - p) / trials + z2 / (4.0 * trials * trials)) / (1 + z2 / trials);
        return new Estimate(p, Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /**
     * The mixture SPRT of {@code rate(b) − rate(a) = 0}: with {@code V} the estimated variance of the difference,
     * {@code Λ = sqrt(V/(V+τ²)) · exp(τ²δ²/(2V(V+τ²)))}, p = min(1, 1/Λ), and the interval is the set of
     * differences the test would not reject.
     */
    static Comparison compare(long successesB, long trialsB, long successesA, long trialsA, AnalysisSettings settings,
                              SplittableRandom random) {
        double beat = probabilityToBeat(successesB, trialsB, successesA, trialsA, settings.posteriorDraws(), random);
        if (trialsA == 0 || trialsB == 0) {
            return new Comparison(0, -1, 1, 1, false, beat);
        }
        double pa = (double) successesA / trialsA;
        double pb = (double) successesB / trialsB;
        double difference = pb - pa;
        double variance = pa * (1 - pa) / trialsA + pb * (1 - pb) / trialsB;
        if (variance == 0) {
            return new Comparison(difference, -1, 1, 1, false, beat);
        }
        double tau2 = settings.mixtureSd() * settings.mixtureSd();
        double logLambda = 0.5 * Math.log(variance / (variance + tau2))
                + tau2 * difference * difference / (2 * variance * (variance + tau2));
        double p = Math.min(1, Math.exp(-logLambda));
        double half = Math.sqrt(variance * (variance + tau2) / tau2
                * (2 * Math.log(1 / settings.alpha()) + Math.log((variance + tau2) / variance)));
        return new Comparison(difference, difference - half, difference + half, p, p < settings.alpha(), beat);
    }

    static double probabilityToBeat(long successesB, long trialsB, long successesA, long trialsA, int draws,
                                    SplittableRandom random) {
        int wins = 0;
        for (int i = 0; i < draws; i++) {
            double b = Statistics.sampleBeta(1 + successesB, 1 + trialsB - successesB, random);
            double a = Statistics.sampleBeta(1 + successesA, 1 + trialsA - successesA, random);
            wins += b > a ? 1 : 0;
        }
        return (double) wins / draws;
    }

    private static Estimate revenuePerVisitor(GroupCounts group, double z) {
        if (group.visitors() == 0) {
            return new Estimate(0, 0, 0);
        }
        long n = group.visitors();
        double mean = group.revenue() / n;
        double variance = n < 2 ? 0 : Math.max(0, (group.revenueSquares() - n * mean * mean) / (n - 1));
        double half = z * Math.sqrt(variance / n);
        return new Estimate(mean, mean - half, mean + half);
    }

    private static GroupCounts countsOf(String group, Map<String, GroupCounts> counts) {
        GroupCounts found = counts.get(group);
        return found != null ? found : new GroupCounts(group, 0, 0, 0, 0, 0, 0);
    }

    private static String percent(double share) {
        return Math.round(share * 100) + "%";
    }
}
