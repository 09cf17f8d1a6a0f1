package dev.grat.decide.bandit;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A learning policy that first imitates the shop's rule: the rule's choice (with the exploration share spread
 * over all candidates, so the log supports evaluating the learner) is shown, the learner learns from every
 * settled decision, and the {@link TakeoverTest} of {@link ApprenticeSettings} decides when the learner is
 * measurably better on the logged data; from then on the learner decides.
 */
final class ApprenticePolicy implements Policy {

    private final PolicyConfig config;
    private final LinearPolicy learner;
    private final RulePolicy rule;
    private final TakeoverTest test;

    ApprenticePolicy(PolicyConfig config, LinearPolicy learner, TakeoverTest test) {
        this.config = config;
        this.learner = learner;
        this.rule = new RulePolicy(PolicyConfig.rule().withExploration(config.exploration()));
        this.test = test;
    }

    @Override
    public PolicyConfig config() {
        return config;
    }

    @Override
    public ActionDistribution decide(PolicyInput input, RandomGenerator random) {
        ActionDistribution learned = learner.decide(input, random);
        if (test.passed()) {
            return learned.withShadow(Double.NaN, Double.NaN, learned.decidedBy() + " (apprentice took over)");
        }
        ActionDistribution imitated = rule.decide(input, random);
        int chosen = imitated.chosen();
        return imitated.withShadow(learned.probability(chosen), imitated.probability(chosen), "rule (apprentice imitating)");
    }

    @Override
    public void learn(Feedback feedback) {
        learner.learn(feedback);
        if (Double.isFinite(feedback.learnerProbability()) && Double.isFinite(feedback.ruleProbability())) {
            test.observe((feedback.learnerProbability() - feedback.ruleProbability()) * feedback.reward() / feedback.propensity());
        }
    }

    @Override
    public void unlearn(List<Feedback> feedback) {
        learner.unlearn(feedback);
    }

    @Override
    public long updates() {
        return learner.updates();
    }

    /** Where the takeover test stands. */
    public ApprenticeStatus status() {
        return test.status();
    }

    LinearPolicy learner() {
        return learner;
    }

    @Override
    public byte[] toBytes() {
        return PolicyCodec.write(config, learner, test);
    }
}
