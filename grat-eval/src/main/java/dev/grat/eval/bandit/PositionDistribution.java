package dev.grat.eval.bandit;

import dev.grat.experiment.Statistics;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A context-free policy that shows each item at each position with a fixed probability, like the Bernoulli
 * Thompson sampling policy of the Open Bandit Dataset.
 */
public final class PositionDistribution implements TargetPolicy {

    private final String name;
    private final double[][] byPosition;

    /** @param byPosition for each position, the probability of each item (each row sums to 1) */
    public PositionDistribution(String name, double[][] byPosition) {
        this.name = name;
        this.byPosition = new double[byPosition.length][];
        for (int p = 0; p < byPosition.length; p++) {
            double sum = Arrays.stream(byPosition[p]).sum();
            if (Math.abs(sum - 1) > 1e-9) {
                throw new IllegalArgumentException("probabilities of position " + (p + 1) + " sum to " + sum + ", not 1");
            }
            this.byPosition[p] = byPosition[p].clone();
        }
    }

    /**
     * The behaviour policy's average distribution over its own log: at each position, the share of the log's
     * rounds that showed each item. Only the logged actions are used (never the clicks), so evaluating it on
     * another log stays independent of its on-policy click rate. For a policy that changes over time this is
     * the time-average policy, whose value is the average value of the policy over the period.
     */
    public static PositionDistribution fromLog(String name, ObdLog log) {
        double[][] counts = new double[log.positions()][log.items().size()];
        double[] totals = new double[log.positions()];
        for (BanditRound round : log.rounds()) {
            counts[round.position()][round.chosen()]++;
            totals[round.position()]++;
        }
        for (int p = 0; p < counts.length; p++) {
            for (int a = 0; a < counts[p].length; a++) {
                counts[p][a] /= totals[p];
            }
        }
        return new PositionDistribution(name, counts);
    }

    /**
     * Bernoulli Thompson sampling replayed from Beta(alpha, beta) parameters per item, as the Open Bandit
     * Pipeline does it (BernoulliTS.compute_batch_action_dist): each draw samples every item's click rate, ranks
     * the items, and counts which item lands at which position.
     */
    public static PositionDistribution fromBetaPrior(String name, double[] alpha, double[] beta, int positions, int draws, long seed) {
        if (alpha.length != beta.length || alpha.length < positions) {
            throw new IllegalArgumentException("need alpha and beta for each of at least " + positions + " items");
        }
        int items = alpha.length;
        double[][] counts = new double[positions][items];
        SplittableRandom random = new SplittableRandom(seed);
        double[] sample = new double[items];
        Integer[] order = new Integer[items];
        for (int d = 0; d < draws; d++) {
            for (int a = 0; a < items; a++) {
                sample[a] = Statistics.sampleBeta(alpha[a], beta[a], random);
                order[a] = a;
            }
            Arrays.sort(order, (x, y) -> Double.compare(sample[y], sample[x]));
            for (int p = 0; p < positions; p++) {
                counts[p][order[p]]++;
            }
        }
        for (double[] row : counts) {
            for (int a = 0; a < items; a++) {
                row[a] /= draws;
            }
        }
        return new PositionDistribution(name, counts);
    }

    /** The uniform policy over {@code items} at every position. */
    public static PositionDistribution uniform(int items, int positions) {
        double[][] uniform = new double[positions][items];
        for (double[] row : uniform) {
            Arrays.fill(row, 1.0 / items);
        }
        return new PositionDistribution("uniform random", uniform);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double[] distribution(BanditRound round) {
        return byPosition[round.position()];
    }

    /** The probability of {@code item} at {@code position}. */
    public double probability(int position, int item) {
        return byPosition[position][item];
    }
}
