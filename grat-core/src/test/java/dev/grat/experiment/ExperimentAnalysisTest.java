package dev.grat.experiment;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ExperimentAnalysisTest {

    private final AnalysisSettings settings = AnalysisSettings.defaults();
    private final Experiment ab = new Experiment("ab", "ab", List.of(new Variant("a", 1), new Variant("b", 1)));
    private final Holdout none = new Holdout("h", 0);

    @Test
    void sampleRatioCheck_flagsA60_40SplitOfA50_50Design() {
        SampleRatioCheck check = SampleRatioCheck.of(new long[]{600, 400}, new double[]{0.5, 0.5}, 0.001);
        assertThat(check.chiSquare()).isCloseTo(40, within(1e-9));
        assertThat(check.pValue()).isLessThan(1e-9);
        assertThat(check.mismatch()).isTrue();
        assertThat(SampleRatioCheck.of(new long[]{510, 490}, new double[]{0.5, 0.5}, 0.001).mismatch()).isFalse();
    }

    @Test
    void sequentialTest_doesNotReject_onAaData_atAnyOfManyPeeks() {
        SplittableRandom random = new SplittableRandom(2026);
        long clicksA = 0;
        long clicksB = 0;
        double smallestP = 1;
        for (int n = 1; n <= 50_000; n++) {
            clicksA += random.nextDouble() < 0.05 ? 1 : 0;
            clicksB += random.nextDouble() < 0.05 ? 1 : 0;
            if (n % 500 == 0) {
                Comparison peek = ExperimentAnalysis.compare(clicksB, n, clicksA, n, settings, new SplittableRandom(1));
                smallestP = Math.min(smallestP, peek.alwaysValidP());
                assertThat(peek.significant()).as("peek at n=%d", n).isFalse();
                assertThat(peek.low()).isLessThanOrEqualTo(0);
                assertThat(peek.high()).isGreaterThanOrEqualTo(0);
            }
        }
        assertThat(smallestP).isGreaterThan(settings.alpha());
    }

    @Test
    void sequentialTest_findsARealDifference() {
        SplittableRandom random = new SplittableRandom(7);
        long clicksA = 0;
        long clicksB = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            clicksA += random.nextDouble() < 0.05 ? 1 : 0;
            clicksB += random.nextDouble() < 0.065 ? 1 : 0;
        }
        Comparison result = ExperimentAnalysis.compare(clicksB, n, clicksA, n, settings, new SplittableRandom(1));
        assertThat(result.significant()).isTrue();
        assertThat(result.low()).isPositive();
        assertThat(result.probabilityToBeatControl()).isGreaterThan(0.99);
    }

    @Test
    void analyze_reportsEveryMetricWithIntervals_andStatesItsMethod() {
        Map<String, GroupCounts> counts = Map.of(
                "a", new GroupCounts("a", 1000, 2000, 100, 20, 900, 40_000),
                "b", new GroupCounts("b", 1000, 2000, 100, 22, 1000, 45_000));
        ExperimentResults results = ExperimentAnalysis.analyze(ab, none, counts, settings);
        GroupResult a = results.groups().get(0);
        GroupResult b = results.groups().get(1);
        assertThat(a.ctr().value()).isEqualTo(0.05);
        assertThat(a.ctr().low()).isLessThan(0.05);
        assertThat(a.ctr().high()).isGreaterThan(0.05);
        assertThat(a.conversionRate().value()).isEqualTo(0.01);
        assertThat(a.revenuePerVisitor().value()).isEqualTo(0.9);
        assertThat(a.revenuePerVisitor().low()).isLessThan(0.9);
        assertThat(a.ctrVsControl()).isNull();
        assertThat(b.ctrVsControl().difference()).isZero();
        assertThat(b.ctrVsControl().probabilityToBeatControl()).isCloseTo(0.5, within(0.03));
        assertThat(results.sampleRatio().mismatch()).isFalse();
        assertThat(results.method()).contains("always-valid mixture SPRT").contains("Beta(1+successes, 1+failures)");
    }

    @Test
    void distributions_matchKnownValues() {
        assertThat(Statistics.normalQuantile(0.975)).isCloseTo(1.959964, within(1e-6));
        assertThat(Statistics.normalQuantile(0.001)).isCloseTo(-3.090232, within(1e-6));
        assertThat(Statistics.normalCdf(1.644854)).isCloseTo(0.95, within(1e-6));
        assertThat(Statistics.chiSquareSurvival(3.841459, 1)).isCloseTo(0.05, within(1e-6));
        assertThat(Statistics.chiSquareSurvival(5.991465, 2)).isCloseTo(0.05, within(1e-6));
        assertThat(Statistics.chiSquareSurvival(30.5779, 15)).isCloseTo(0.01, within(1e-5));
        SplittableRandom random = new SplittableRandom(3);
        double mean = 0;
        for (int i = 0; i < 50_000; i++) {
            mean += Statistics.sampleBeta(3, 7, random) / 50_000;
        }
        assertThat(mean).isCloseTo(0.3, within(0.005));
    }

    @Test
    void wilsonInterval_staysInsideZeroAndOne() {
        Estimate none = ExperimentAnalysis.wilson(0, 50, 1.96);
        assertThat(none.low()).isZero();
        assertThat(none.high()).isBetween(0.05, 0.1);
        Estimate all = ExperimentAnalysis.wilson(50, 50, 1.96);
        assertThat(all.high()).isEqualTo(1.0);
    }
}
