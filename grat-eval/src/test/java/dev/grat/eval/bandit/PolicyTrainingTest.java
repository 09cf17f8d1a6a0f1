package dev.grat.eval.bandit;

import dev.grat.decide.bandit.Policies;
import dev.grat.decide.bandit.Policy;
import dev.grat.decide.bandit.PolicyConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PolicyTrainingTest {

    @Test
    void replay_learnsOnlyFromRoundsWhereThePolicysDrawMatchesTheLog() throws IOException {
        ObdLog random = ObdReader.read(Fixtures.obd(), "random", "men");
        Policy policy = Policies.create(PolicyConfig.linUcb().withDimension(32));
        int learned = PolicyTraining.replay(policy, random.rounds(), 1);
        assertThat(learned).isEqualTo((int) policy.updates());
        assertThat(learned).isBetween(100, 200);
    }

    @Test
    void warmStart_learnsFromEveryRound_andPicksUpTheBestItem() throws IOException {
        ObdLog random = ObdReader.read(Fixtures.obd(), "random", "men");
        Policy policy = Policies.create(PolicyConfig.epsilonGreedy().withDimension(64));
        assertThat(PolicyTraining.warmStart(policy, random.rounds())).isEqualTo(600);
        assertThat(policy.updates()).isEqualTo(600);
        double[] distribution = new GratPolicyTarget("greedy", policy, 1).distribution(random.rounds().getFirst());
        assertThat(distribution[2]).isCloseTo(0.9 + 0.1 / 4, within(1e-12));
    }
}
