package dev.grat.decide.bandit;

import java.util.random.RandomGenerator;

/**
 * Linear Thompson sampling (Agrawal and Goyal, 2013) over the shared model. Thompson sampling has no closed-form
 * choice probability, so each decision draws {@code draws} weight vectors from {@code N(θ, noise²·A⁻¹)} (each
 * one full posterior draw, candidates correlated as they should be), counts how often each candidate is the
 * best, mixes these frequencies with the uniform exploration share, and draws the choice from that mixture.
 * The logged probability is thus exact for the choice actually made; the number of draws only sets how closely
 * the mixture follows ideal Thompson sampling. Cost: {@code draws × (d²/2 + k·nnz)} per decision.
 */
final class LinearThompson extends LinearPolicy {

    LinearThompson(PolicyConfig config, RidgeModel model) {
        super(config, model);
    }

    @Override
    ActionDistribution decideLocked(PolicyInput input, RandomGenerator random) {
        int k = input.size();
        double[] wins = new double[k];
        double[] weights = new double[config.dimension()];
        for (int draw = 0; draw < config.draws(); draw++) {
            model.sampleWeights(random, config.noise(), weights);
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < k; i++) {
                double score = input.features().get(i).dot(weights);
                if (score > bestScore) {
                    bestScore = score;
                    best = i;
                }
            }
            wins[best]++;
        }
        for (int i = 0; i < k; i++) {
            wins[i] /= config.draws();
        }
        return ActionDistribution.draw(wins, config.exploration(), means(input), random, PolicyKind.THOMPSON.wireName());
    }
}
