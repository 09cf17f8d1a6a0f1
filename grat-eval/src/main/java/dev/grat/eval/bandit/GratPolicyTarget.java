package dev.grat.eval.bandit;

import dev.grat.decide.bandit.Candidate;
import dev.grat.decide.bandit.FeatureEncoder;
import dev.grat.decide.bandit.FeatureVector;
import dev.grat.decide.bandit.Policy;
import dev.grat.decide.bandit.PolicyInput;

import java.util.List;
import java.util.SplittableRandom;

/**
 * One of Grat's policies as a target policy, frozen: its distribution over the candidates of each round, the
 * exploration floor included, exactly as it would log it. For Thompson sampling that distribution depends on
 * the seeded draws.
 */
public final class GratPolicyTarget implements TargetPolicy {

    private final String name;
    private final Policy policy;
    private final FeatureEncoder encoder;
    private final SplittableRandom random;

    public GratPolicyTarget(String name, Policy policy, long seed) {
        this.name = name;
        this.policy = policy;
        this.encoder = new FeatureEncoder(policy.config().dimension(), policy.config().interactions());
        this.random = new SplittableRandom(seed);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double[] distribution(BanditRound round) {
        return policy.decide(input(encoder, round), random).probabilities();
    }

    static PolicyInput input(FeatureEncoder encoder, BanditRound round) {
        List<FeatureVector> vectors = encoder.encode(round.context(), round.candidates());
        List<String> ids = round.candidates().stream().map(Candidate::id).toList();
        return new PolicyInput(ids, vectors, -1);
    }
}
