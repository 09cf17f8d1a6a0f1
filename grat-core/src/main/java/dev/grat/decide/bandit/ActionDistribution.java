package dev.grat.decide.bandit;

import java.util.Arrays;
import java.util.Comparator;
import java.util.random.RandomGenerator;

/**
 * What a policy made of one decision: the probability of each candidate under the policy (they sum to 1 and
 * each is at least the exploration floor divided by the number of candidates), the policy's score of each, and
 * the candidate drawn from exactly these probabilities, so the logged propensity is the true one.
 */
public final class ActionDistribution {

    private final double[] probabilities;
    private final double[] scores;
    private final int chosen;
    private final double learnerProbability;
    private final double ruleProbability;
    private final String decidedBy;

    private ActionDistribution(double[] probabilities, double[] scores, int chosen, double learnerProbability,
                               double ruleProbability, String decidedBy) {
        this.probabilities = probabilities;
        this.scores = scores;
        this.chosen = chosen;
        this.learnerProbability = learnerProbability;
        this.ruleProbability = ruleProbability;
        this.decidedBy = decidedBy;
    }

    /**
     * Mixes a policy's own choice distribution with the uniform distribution and draws the choice.
     *
     * @param preference  how the policy itself would choose (non-negative, sums to 1)
     * @param exploration the uniform share
     */
    static ActionDistribution draw(double[] preference, double exploration, double[] scores, RandomGenerator random,
                                   String decidedBy) {
        int k = preference.length;
        double[] probabilities = new double[k];
        for (int i = 0; i < k; i++) {
            probabilities[i] = exploration / k + (1 - exploration) * preference[i];
        }
        return new ActionDistribution(probabilities, scores, sample(probabilities, random), Double.NaN, Double.NaN, decidedBy);
    }

    /** A copy that also records the learner's and the rule's probability of the chosen candidate (apprentice mode). */
    ActionDistribution withShadow(double learner, double rule, String by) {
        return new ActionDistribution(probabilities, scores, chosen, learner, rule, by);
    }

    /** Puts all mass on the highest scores, split evenly between ties. */
    static double[] argmax(double[] scores) {
        double best = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            best = Math.max(best, s);
        }
        double tolerance = 1e-12 * Math.max(1, Math.abs(best));
        int ties = 0;
        for (double s : scores) {
            ties += s >= best - tolerance ? 1 : 0;
        }
        double[] mass = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            mass[i] = scores[i] >= best - tolerance ? 1.0 / ties : 0;
        }
        return mass;
    }

    private static int sample(double[] probabilities, RandomGenerator random) {
        double u = random.nextDouble();
        double cumulative = 0;
        for (int i = 0; i < probabilities.length; i++) {
            cumulative += probabilities[i];
            if (u < cumulative) {
                return i;
            }
        }
        int last = probabilities.length - 1;
        while (last > 0 && probabilities[last] == 0) {
            last--;
        }
        return last;
    }

    public int size() {
        return probabilities.length;
    }

    /** The probability that the policy chooses candidate {@code i}. */
    public double probability(int i) {
        return probabilities[i];
    }

    /** The policy's score of candidate {@code i} (estimate, optimistic estimate or posterior mean). */
    public double score(int i) {
        return scores[i];
    }

    /** The index of the chosen candidate. */
    public int chosen() {
        return chosen;
    }

    /** The logged propensity: the probability of the chosen candidate. */
    public double chosenProbability() {
        return probabilities[chosen];
    }

    /** In apprentice mode, the learner's probability of the chosen candidate; NaN otherwise. */
    public double learnerProbability() {
        return learnerProbability;
    }

    /** In apprentice mode, the rule's probability of the chosen candidate; NaN otherwise. */
    public double ruleProbability() {
        return ruleProbability;
    }

    /** Which policy made the choice, e.g. {@code linucb} or {@code rule (apprentice imitating)}. */
    public String decidedBy() {
        return decidedBy;
    }

    /** All probabilities, in candidate order. */
    public double[] probabilities() {
        return probabilities.clone();
    }

    /** Candidate indices in display order: the chosen one, then by probability, then by score. */
    public int[] ranking() {
        // One comparator instead of a chain of four: it runs n·log n times per decision.
        Comparator<Integer> order = (a, b) -> {
            if ((a == chosen) != (b == chosen)) {
                return a == chosen ? -1 : 1;
            }
            int byProbability = Double.compare(probabilities[b], probabilities[a]);
            if (byProbability != 0) {
                return byProbability;
            }
            int byScore = Double.compare(scores[b], scores[a]);
            return byScore != 0 ? byScore : Integer.compare(a, b);
        };
        Integer[] indices = new Integer[probabilities.length];
        Arrays.setAll(indices, i -> i);
        Arrays.sort(indices, order);
        return Arrays.stream(indices).mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String toString() {
        return "ActionDistribution[chosen=" + chosen + ", by=" + decidedBy + ", p=" + Arrays.toString(probabilities) + "]";
    }
}
