package dev.grat.eval.bandit;

import dev.grat.decide.bandit.ActionDistribution;
import dev.grat.decide.bandit.FeatureEncoder;
import dev.grat.decide.bandit.Feedback;
import dev.grat.decide.bandit.Policy;
import dev.grat.decide.bandit.PolicyInput;

import java.util.List;
import java.util.SplittableRandom;

/** Two ways to train a policy on a logged part of a bandit log. */
public final class PolicyTraining {

    private PolicyTraining() {
    }

    /**
     * Replay (rejection sampling, Li et al., 2011): the policy decides each logged round as if it were live; when
     * its choice is the logged action it learns the logged reward, otherwise the round is skipped. With a uniform
     * logging policy the accepted rounds are exactly what the policy would have seen online. Returns the number
     * of rounds it learned from.
     */
    public static int replay(Policy policy, List<BanditRound> rounds, long seed) {
        FeatureEncoder encoder = encoder(policy);
        SplittableRandom random = new SplittableRandom(seed);
        int learned = 0;
        for (BanditRound round : rounds) {
            PolicyInput input = GratPolicyTarget.input(encoder, round);
            ActionDistribution decision = policy.decide(input, random);
            if (decision.chosen() == round.chosen()) {
                policy.learn(Feedback.of(input.features().get(round.chosen()), round.reward(), decision.chosenProbability()));
                learned++;
            }
        }
        return learned;
    }

    /**
     * Warm start: the policy learns from every logged round (its logged action and reward), as
     * {@code DecisionService.warmStart} does with Grat's own log. Under a uniform logging policy this ridge
     * regression sees every action equally often, so it has no selection bias.
     */
    public static int warmStart(Policy policy, List<BanditRound> rounds) {
        FeatureEncoder encoder = encoder(policy);
        for (BanditRound round : rounds) {
            policy.learn(Feedback.of(encoder.encode(round.context(), round.candidates().get(round.chosen())), round.reward(),
                    round.propensity()));
        }
        return rounds.size();
    }

    private static FeatureEncoder encoder(Policy policy) {
        return new FeatureEncoder(policy.config().dimension(), policy.config().interactions());
    }
}
