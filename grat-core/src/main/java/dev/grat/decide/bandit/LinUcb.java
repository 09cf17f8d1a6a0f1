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
        // the widths as one batch: 50 quadratic forms of dimension 128 are most of a decision's arithmetic
        double[] scores = model.variances(input.features());
        for (int i = 0; i < scores.length; i++) {
            scores[i] = model.mean(input.features().get(i)) + config.alpha() * Math.sqrt(scores[i]);
        }
        return ActionDistribution.draw(ActionDistribution.argmax(scores), config.exploration(), scores, random,
                PolicyKind.LINUCB.wireName());
    }
}
