package dev.grat.decide.bandit;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The shop's own choice ({@link PolicyKind#RULE}: the rule choice sent with the request) or one fixed action
 * ({@link PolicyKind#FIXED}), with the exploration share spread over all candidates. When the request has no
 * rule choice, or the fixed action is not among the candidates, the first candidate stands for it: the shop's
 * own order. Learns nothing.
 */
final class RulePolicy implements Policy {

    private final PolicyConfig config;

    RulePolicy(PolicyConfig config) {
        this.config = config;
    }

    @Override
    public PolicyConfig config() {
        return config;
    }

    @Override
    public ActionDistribution decide(PolicyInput input, RandomGenerator random) {
        return ActionDistribution.draw(preference(input), config.exploration(), preference(input), random, config.kind().wireName());
    }

    /** All mass on the rule's candidate. */
    double[] preference(PolicyInput input) {
        int choice = 0;
        if (config.kind() == PolicyKind.FIXED) {
            int index = input.actionIds().indexOf(config.fixedAction());
            choice = index >= 0 ? index : 0;
        } else if (input.ruleChoice() >= 0) {
            choice = input.ruleChoice();
        }
        double[] mass = new double[input.size()];
        mass[choice] = 1;
        return mass;
    }

    @Override
    public void learn(Feedback feedback) {
    }

    @Override
    public void unlearn(List<Feedback> feedback) {
    }

    @Override
    public long updates() {
        return 0;
    }

    @Override
    public byte[] toBytes() {
        return PolicyCodec.write(config, null, null);
    }
}
