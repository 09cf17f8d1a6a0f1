package dev.grat.decide.bandit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PolicyTest {

    static Stream<PolicyConfig> everyKind() {
        return Stream.of(PolicyConfig.linUcb(), PolicyConfig.thompson(), PolicyConfig.epsilonGreedy(), PolicyConfig.rule(),
                PolicyConfig.fixed("a3"), PolicyConfig.linUcb().withApprentice(ApprenticeSettings.defaults()))
                .map(c -> c.withDimension(32));
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void probabilities_sumToOne_andNeverFallBelowTheFloor(PolicyConfig config) {
        Policy policy = Policies.create(config);
        SplittableRandom random = new SplittableRandom(1);
        PolicyInput input = input(10, random, 2);
        for (int round = 0; round < 300; round++) {
            ActionDistribution decision = policy.decide(input, random);
            double sum = 0;
            for (int i = 0; i < decision.size(); i++) {
                assertThat(decision.probability(i)).isGreaterThanOrEqualTo(config.exploration() / 10 - 1e-15);
                sum += decision.probability(i);
            }
            assertThat(sum).isCloseTo(1, within(1e-12));
            assertThat(decision.chosenProbability()).isEqualTo(decision.probability(decision.chosen()));
            int chosen = decision.chosen();
            policy.learn(new Feedback(input.features().get(chosen), chosen == 4 ? 1 : 0, decision.chosenProbability(),
                    decision.learnerProbability(), decision.ruleProbability()));
        }
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void choices_followTheLoggedProbabilities(PolicyConfig config) {
        Policy policy = Policies.create(config);
        SplittableRandom random = new SplittableRandom(2);
        PolicyInput input = input(5, random, 1);
        int n = 40_000;
        int[] counts = new int[5];
        double[] expected = new double[5];
        for (int round = 0; round < n; round++) {
            ActionDistribution decision = policy.decide(input, random);
            counts[decision.chosen()]++;
            for (int i = 0; i < 5; i++) {
                expected[i] += decision.probability(i) / n;
            }
        }
        for (int i = 0; i < 5; i++) {
            assertThat((double) counts[i] / n).isCloseTo(expected[i], within(0.01));
        }
    }

    @Test
    void thompsonProbabilities_areDrawFrequenciesMixedWithTheFloor() {
        PolicyConfig config = PolicyConfig.thompson().withDimension(32).withDraws(40).withExploration(0.1);
        Policy policy = Policies.create(config);
        SplittableRandom random = new SplittableRandom(4);
        PolicyInput input = input(8, random, -1);
        ActionDistribution decision = policy.decide(input, random);
        for (int i = 0; i < 8; i++) {
            double wins = (decision.probability(i) - 0.1 / 8) / 0.9 * 40;
            assertThat(wins).isCloseTo(Math.rint(wins), within(1e-9));
        }
    }

    @ParameterizedTest
    @MethodSource("learners")
    void learners_comeToPreferTheRewardedCandidate(PolicyConfig config) {
        Policy policy = Policies.create(config);
        SplittableRandom random = new SplittableRandom(6);
        PolicyInput input = input(6, random, -1);
        for (int round = 0; round < 2000; round++) {
            ActionDistribution decision = policy.decide(input, random);
            int chosen = decision.chosen();
            double reward = random.nextDouble() < (chosen == 3 ? 0.5 : 0.1) ? 1 : 0;
            policy.learn(Feedback.of(input.features().get(chosen), reward, decision.chosenProbability()));
        }
        ActionDistribution last = policy.decide(input, random);
        for (int i = 0; i < 6; i++) {
            if (i != 3) {
                assertThat(last.probability(3)).isGreaterThan(last.probability(i));
            }
        }
    }

    static Stream<PolicyConfig> learners() {
        return Stream.of(PolicyConfig.linUcb(), PolicyConfig.thompson(), PolicyConfig.epsilonGreedy()).map(c -> c.withDimension(32));
    }

    @Test
    void rulePolicy_putsTheRestOfTheMassOnTheRuleChoice() {
        Policy policy = Policies.create(PolicyConfig.rule().withExploration(0.2));
        SplittableRandom random = new SplittableRandom(8);
        ActionDistribution decision = policy.decide(input(4, random, 2), random);
        assertThat(decision.probability(2)).isCloseTo(0.8 + 0.05, within(1e-12));
        assertThat(decision.probability(0)).isCloseTo(0.05, within(1e-12));
    }

    @Test
    void concurrentDecisionsAndUpdates_loseNoUpdate_andKeepTheInverseExact() throws Exception {
        LinearPolicy policy = (LinearPolicy) Policies.create(PolicyConfig.thompson().withDimension(32).withDraws(8));
        PolicyInput input = input(10, new SplittableRandom(10), -1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long seed = t;
                tasks.add(pool.submit(() -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    IntStream.range(0, 500).forEach(i -> {
                        ActionDistribution decision = policy.decide(input, random);
                        policy.learn(Feedback.of(input.features().get(decision.chosen()), random.nextDouble(), decision.chosenProbability()));
                    });
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(policy.updates()).isEqualTo(2000);
        double[] direct = RidgeModelTest.invert(policy.read(RidgeModel::gramCopy), 32);
        double[] incremental = policy.read(RidgeModel::inverseCopy);
        for (int i = 0; i < direct.length; i++) {
            assertThat(incremental[i]).isCloseTo(direct[i], within(1e-9));
        }
    }

    /** Random candidates "a0".."a{k-1}" with 32-dimensional sparse features. */
    static PolicyInput input(int k, SplittableRandom random, int ruleChoice) {
        List<String> ids = new ArrayList<>();
        List<FeatureVector> vectors = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            ids.add("a" + i);
            double[] x = new double[32];
            x[0] = 1;
            x[1 + i % 31] = 1;
            x[1 + random.nextInt(31)] += random.nextDouble();
            vectors.add(FeatureVector.dense(x));
        }
        return new PolicyInput(ids, vectors, ruleChoice);
    }
}
