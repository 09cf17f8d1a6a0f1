package dev.grat.eval.bandit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reward model of the doubly robust estimator: the mean reward of each (candidate id, position), shrunk
 * towards the position's mean with the weight of {@value #PRIOR_ROUNDS} pseudo-rounds so that rarely logged
 * pairs do not get wild estimates. Keyed by candidate id, so it also fits logs whose candidate sets change
 * between rounds. Fit on one fold and used on another.
 */
public final class RewardModel {

    static final double PRIOR_ROUNDS = 20;

    private final List<Map<String, double[]>> sums;
    private final double[] positionMeans;

    private RewardModel(List<Map<String, double[]>> sums, double[] positionMeans) {
        this.sums = sums;
        this.positionMeans = positionMeans;
    }

    public static RewardModel fit(List<BanditRound> rounds, int positions) {
        List<Map<String, double[]>> sums = new ArrayList<>();
        for (int p = 0; p < positions; p++) {
            sums.add(new HashMap<>());
        }
        double[] positionSums = new double[positions];
        double[] positionCounts = new double[positions];
        for (BanditRound round : rounds) {
            double[] cell = sums.get(round.position()).computeIfAbsent(round.candidates().get(round.chosen()).id(), id -> new double[2]);
            cell[0] += round.reward();
            cell[1]++;
            positionSums[round.position()] += round.reward();
            positionCounts[round.position()]++;
        }
        double[] means = new double[positions];
        for (int p = 0; p < positions; p++) {
            means[p] = positionCounts[p] == 0 ? 0 : positionSums[p] / positionCounts[p];
        }
        return new RewardModel(sums, means);
    }

    public double predict(BanditRound round, int action) {
        double prior = positionMeans[round.position()];
        double[] cell = sums.get(round.position()).get(round.candidates().get(action).id());
        return cell == null ? prior : (cell[0] + PRIOR_ROUNDS * prior) / (cell[1] + PRIOR_ROUNDS);
    }
}
