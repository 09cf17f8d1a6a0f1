package dev.grat.decide.bandit;

import java.util.random.RandomGenerator;

/** The candidate with the best ridge estimate, and with probability epsilon (the exploration) a uniform one. */
final class EpsilonGreedy extends LinearPolicy {

    EpsilonGreedy(PolicyConfig config, RidgeModel model) {
        super(config, model);
    }

    @Override
    ActionDistribution decideLocked(PolicyInput input, RandomGenerator random) {
        double[] scores = means(input);
        return ActionDistribution.draw(ActionDistribution.argmax(scores), config.exploration(), scores, random,
                PolicyKind.EPSILON_GREEDY.wireName());
    }
}
