package dev.grat.eval.bandit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Off-policy estimators of a target policy's value from a log of another policy, with bootstrap intervals.
 * With importance weights {@code w_i = π(a_i|x_i) / p_i}:
 * <ul>
 *   <li>IPS: {@code mean(w_i r_i)}, unbiased when every action the target may take had a positive logging
 *       probability;</li>
 *   <li>SNIPS: {@code Σ w_i r_i / Σ w_i}, slightly biased, far less variance when weights are large;</li>
 *   <li>DR: {@code mean(Σ_a π(a|x_i) q(x_i,a) + w_i (r_i − q(x_i,a_i)))} with a reward model q fit on the other
 *       half of the log (two-fold cross-fitting), unbiased if either the propensities or q are right.</li>
 * </ul>
 * Intervals are bootstrap percentile intervals: the rounds are resampled with replacement {@code resamples}
 * times with a fixed seed, and each estimator is recomputed on each resample.
 */
public final class Estimators {

    private Estimators() {
    }

    /** Evaluates {@code target} on {@code rounds}; {@code level} is the interval's coverage, e.g. 0.95. */
    public static PolicyValue evaluate(TargetPolicy target, List<BanditRound> rounds, int positions, int resamples,
                                       long seed, double level) {
        int n = rounds.size();
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 logged rounds to evaluate, got " + n);
        }
        List<BanditRound> even = new ArrayList<>();
        List<BanditRound> odd = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            (i % 2 == 0 ? even : odd).add(rounds.get(i));
        }
        RewardModel fitOnOdd = RewardModel.fit(odd, positions);
        RewardModel fitOnEven = RewardModel.fit(even, positions);
        double[] weights = new double[n];
        double[] rewards = new double[n];
        double[] doublyRobust = new double[n];
        for (int i = 0; i < n; i++) {
            BanditRound round = rounds.get(i);
            RewardModel model = i % 2 == 0 ? fitOnOdd : fitOnEven;
            double[] pi = target.distribution(round);
            double direct = 0;
            for (int a = 0; a < pi.length; a++) {
                direct += pi[a] == 0 ? 0 : pi[a] * model.predict(round, a);
            }
            weights[i] = pi[round.chosen()] / round.propensity();
            rewards[i] = round.reward();
            doublyRobust[i] = direct + weights[i] * (round.reward() - model.predict(round, round.chosen()));
        }
        return summarize(target.name(), weights, rewards, doublyRobust, resamples, seed, level);
    }

    static PolicyValue summarize(String name, double[] weights, double[] rewards, double[] doublyRobust, int resamples,
                                 long seed, double level) {
        int n = weights.length;
        double[] point = statistics(weights, rewards, doublyRobust, identity(n));
        double[][] boot = new double[3][resamples];
        SplittableRandom random = new SplittableRandom(seed);
        int[] sample = new int[n];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < n; i++) {
                sample[i] = random.nextInt(n);
            }
            double[] s = statistics(weights, rewards, doublyRobust, sample);
            for (int e = 0; e < 3; e++) {
                boot[e][b] = s[e];
            }
        }
        String[] names = {"IPS", "SNIPS", "DR"};
        List<OpeEstimate> estimates = new ArrayList<>();
        for (int e = 0; e < 3; e++) {
            Arrays.sort(boot[e]);
            estimates.add(new OpeEstimate(names[e], point[e], quantile(boot[e], (1 - level) / 2), quantile(boot[e], (1 + level) / 2)));
        }
        double sumW = 0;
        double sumW2 = 0;
        for (double w : weights) {
            sumW += w;
            sumW2 += w * w;
        }
        double effectiveSize = sumW2 == 0 ? 0 : sumW * sumW / sumW2;
        return new PolicyValue(name, n, sumW / n, effectiveSize, effectiveSize * point[1], estimates);
    }

    /** IPS, SNIPS and DR over the rounds at the given indices. */
    private static double[] statistics(double[] weights, double[] rewards, double[] doublyRobust, int[] indices) {
        double weighted = 0;
        double weightSum = 0;
        double dr = 0;
        for (int i : indices) {
            weighted += weights[i] * rewards[i];
            weightSum += weights[i];
            dr += doublyRobust[i];
        }
        int n = indices.length;
        return new double[]{weighted / n, weightSum == 0 ? 0 : weighted / weightSum, dr / n};
    }

    private static int[] identity(int n) {
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
            indices[i] = i;
        }
        return indices;
    }

    private static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
