package dev.grat.decide.bandit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PolicyCodecTest {

    @ParameterizedTest
    @MethodSource("dev.grat.decide.bandit.PolicyTest#everyKind")
    void roundTrip_keepsConfigAndLearnedState_soDecisionsAreIdentical(PolicyConfig config) {
        Policy original = Policies.create(config);
        SplittableRandom random = new SplittableRandom(12);
        PolicyInput input = PolicyTest.input(10, random, 1);
        for (int i = 0; i < 200; i++) {
            ActionDistribution decision = original.decide(input, random);
            original.learn(new Feedback(input.features().get(decision.chosen()), decision.chosen() % 3 == 0 ? 1 : 0,
                    decision.chosenProbability(), decision.learnerProbability(), decision.ruleProbability()));
        }
        Policy restored = Policies.fromBytes(original.toBytes());

        assertThat(restored.config()).isEqualTo(config);
        assertThat(restored.updates()).isEqualTo(original.updates());
        assertThat(Policies.apprenticeStatus(restored)).isEqualTo(Policies.apprenticeStatus(original));
        for (int i = 0; i < 20; i++) {
            ActionDistribution a = original.decide(input, new SplittableRandom(100 + i));
            ActionDistribution b = restored.decide(input, new SplittableRandom(100 + i));
            assertThat(b.chosen()).isEqualTo(a.chosen());
            for (int c = 0; c < 10; c++) {
                assertThat(b.probability(c)).isCloseTo(a.probability(c), within(1e-9));
                assertThat(b.score(c)).isCloseTo(a.score(c), within(1e-9));
            }
        }
        assertThat(restored.toBytes()).isEqualTo(original.toBytes());
    }

    @Test
    void fromBytes_rejectsOtherFormatsAndVersions_withAClearMessage() {
        byte[] state = Policies.create(PolicyConfig.linUcb().withDimension(8)).toBytes();
        byte[] otherVersion = state.clone();
        otherVersion[5] = 9;
        assertThatThrownBy(() -> Policies.fromBytes(otherVersion)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 9 is not supported");
        assertThatThrownBy(() -> Policies.fromBytes(new byte[]{1, 2, 3, 4, 5, 6})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a Grat policy state");
        assertThatThrownBy(() -> Policies.fromBytes(Arrays.copyOf(state, 40))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated");
    }
}
