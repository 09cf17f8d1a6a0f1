package dev.grat.eval.bandit;

import dev.grat.decide.bandit.Candidate;
import dev.grat.decide.bandit.ContextFeatures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EstimatorsTest {

    private static final double[] RATES = {0.1, 0.2, 0.5};
    private final List<Candidate> actions = List.of(new Candidate("a", Map.of()), new Candidate("b", Map.of()), new Candidate("c", Map.of()));

    /** A uniform log of n rounds over three actions with known reward rates. */
    private List<BanditRound> uniformLog(int n, long seed) {
        return uniformLog(n, seed, RATES);
    }

    private List<BanditRound> uniformLog(int n, long seed, double[] rates) {
        SplittableRandom random = new SplittableRandom(seed);
        List<BanditRound> rounds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int action = random.nextInt(3);
            double reward = random.nextDouble() < rates[action] ? 1 : 0;
            rounds.add(new BanditRound(ContextFeatures.empty(), actions, action, 0, 1.0 / 3, reward));
        }
        return rounds;
    }

    private static TargetPolicy fixed(double... distribution) {
        return new TargetPolicy() {
            @Override
            public String name() {
                return "fixed";
            }

            @Override
            public double[] distribution(BanditRound round) {
                return distribution;
            }
        };
    }

    @Test
    void everyEstimator_recoversTheTrueValue_ofAnotherPolicy_withinItsInterval() {
        double truth = 0.8 * 0.5 + 0.1 * 0.2 + 0.1 * 0.1;
        PolicyValue value = Estimators.evaluate(fixed(0.1, 0.1, 0.8), uniformLog(20_000, 1), 1, 500, 1, 0.95);
        for (OpeEstimate estimate : value.estimates()) {
            assertThat(estimate.value()).as(estimate.estimator()).isCloseTo(truth, within(0.02));
            assertThat(estimate.low()).as(estimate.estimator()).isLessThan(truth);
            assertThat(estimate.high()).as(estimate.estimator()).isGreaterThan(truth);
        }
        assertThat(value.meanWeight()).isCloseTo(1, within(0.03));
    }

    @Test
    void theLoggingPolicyItself_hasWeightOne_andIpsIsTheMeanReward() {
        List<BanditRound> log = uniformLog(3000, 2);
        double mean = log.stream().mapToDouble(BanditRound::reward).average().orElseThrow();
        PolicyValue value = Estimators.evaluate(fixed(1.0 / 3, 1.0 / 3, 1.0 / 3), log, 1, 200, 1, 0.95);
        assertThat(value.estimate("IPS").value()).isCloseTo(mean, within(1e-12));
        assertThat(value.estimate("SNIPS").value()).isCloseTo(mean, within(1e-12));
        assertThat(value.effectiveSampleSize()).isCloseTo(3000, within(1e-6));
    }

    @Test
    void doublyRobust_hasANarrowerIntervalThanIps_forADeterministicPolicy() {
        PolicyValue value = Estimators.evaluate(fixed(0, 0, 1), uniformLog(6000, 3), 1, 500, 1, 0.95);
        OpeEstimate ips = value.estimate("IPS");
        OpeEstimate dr = value.estimate("DR");
        assertThat(dr.high() - dr.low()).isLessThan(ips.high() - ips.low());
    }

    @Test
    void estimatesResting_onAHandfulOfClicks_areFlagged() {
        List<BanditRound> rare = uniformLog(3000, 5, new double[]{0.005, 0.005, 0.005});
        long clicks = rare.stream().filter(r -> r.reward() > 0).count();
        PolicyValue uniform = Estimators.evaluate(fixed(1.0 / 3, 1.0 / 3, 1.0 / 3), rare, 1, 200, 1, 0.95);
        PolicyValue deterministic = Estimators.evaluate(fixed(0, 0, 1), rare, 1, 200, 1, 0.95);
        assertThat(uniform.effectiveClicks()).isCloseTo(clicks, within(1e-9));
        assertThat(uniform.fewClicks()).isFalse();
        assertThat(deterministic.effectiveClicks()).isLessThan(10);
        assertThat(deterministic.fewClicks()).isTrue();
    }

    @Test
    void intervals_areReproducibleWithTheSeed() {
        List<BanditRound> log = uniformLog(1000, 4);
        assertThat(Estimators.evaluate(fixed(0.2, 0.3, 0.5), log, 1, 300, 9, 0.9))
                .isEqualTo(Estimators.evaluate(fixed(0.2, 0.3, 0.5), log, 1, 300, 9, 0.9));
    }

    @Test
    void btsFrequenciesOfTheFixture_estimatedFromTheRandomLog_coverTheTrueValue() throws IOException {
        ObdLog random = ObdReader.read(Fixtures.obd(), "random", "men");
        ObdLog bts = ObdReader.read(Fixtures.obd(), "bts", "men");
        PositionDistribution frequencies = PositionDistribution.fromLog("bts", bts);
        PolicyValue value = Estimators.evaluate(frequencies, random.rounds(), 3, 500, 1, 0.95);
        for (OpeEstimate estimate : value.estimates()) {
            assertThat(estimate.low()).as(estimate.estimator()).isLessThan(Fixtures.TRUE_BTS_VALUE);
            assertThat(estimate.high()).as(estimate.estimator()).isGreaterThan(Fixtures.TRUE_BTS_VALUE);
        }
        assertThat(value.estimate("DR").value()).isGreaterThan(1.5 * Fixtures.TRUE_UNIFORM_VALUE);
    }
}
