package dev.grat.decide.bandit;

import java.util.random.RandomGenerator;

/**
 * LinUCB (Li et al., 2010) with one shared model over context × candidate features: each candidate scores
 * {@code θᵀx + α·sqrt(xᵀA⁻¹x)}; the best score gets {@code 1 − exploration} of the probability (split between
 * exact ties) and every candidate gets {@code exploration / k}.
 */
final class LinUcb extends LinearPolicy {

    LinUcb(PolicyConfig config, RidgeModel model) {
        super(config, model);
    }

    @Override
    ActionDistribution decideLocked(PolicyInput input, RandomGenerator random) {
        double[] scores = new double[input.size()];
        for (int i = 0; i < scores.length; i++) {
            FeatureVector x = input.features().get(i);
            scores[i] = model.mean(x) + config.alpha() * Math.sqrt(model.variance(x));
        }
        return ActionDistribution.draw(ActionDistribution.argmax(scores), config.exploration(), scores, random,
                PolicyKind.LINUCB.wireName());
    }
}
