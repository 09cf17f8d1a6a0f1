package dev.grat.experiment;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AssignmentTest {

    private final Experiment experiment = new Experiment("banner", "banner-2026",
            List.of(new Variant("control", 2), new Variant("b", 1), new Variant("c", 1)));

    @Test
    void assignment_isStableForAVisitor_andIndependentOfCallOrder() {
        Experiment same = new Experiment("banner", "banner-2026", experiment.variants());
        for (int i = 0; i < 1000; i++) {
            assertThat(same.assign("visitor-" + i)).isEqualTo(experiment.assign("visitor-" + i));
        }
    }

    @Test
    void assignment_followsTheWeights() {
        Map<String, Integer> counts = new HashMap<>();
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            counts.merge(experiment.assign("v" + i).name(), 1, Integer::sum);
        }
        assertThat(counts.get("control") / (double) n).isCloseTo(0.5, within(0.01));
        assertThat(counts.get("b") / (double) n).isCloseTo(0.25, within(0.01));
        assertThat(counts.get("c") / (double) n).isCloseTo(0.25, within(0.01));
        long[] observed = {counts.get("control"), counts.get("b"), counts.get("c")};
        assertThat(SampleRatioCheck.of(observed, new double[]{0.5, 0.25, 0.25}, 0.001).mismatch()).isFalse();
    }

    @Test
    void differentSalts_giveIndependentSplits() {
        Experiment other = new Experiment("banner", "another-salt", experiment.variants());
        int agree = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            agree += experiment.assign("v" + i).equals(other.assign("v" + i)) ? 1 : 0;
        }
        // independent splits agree with probability 0.5² + 0.25² + 0.25² = 0.375
        assertThat(agree / (double) n).isCloseTo(0.375, within(0.015));
    }

    @Test
    void holdout_takesItsShare_andDesignSharesSumToOne() {
        Holdout holdout = new Holdout("grat-holdout", 0.1);
        long held = IntStream.range(0, 50_000).filter(i -> holdout.contains("v" + i)).count();
        assertThat(held / 50_000.0).isCloseTo(0.1, within(0.006));
        assertThat(experiment.designShares(holdout).stream().mapToDouble(Experiment.GroupShare::share).sum()).isCloseTo(1, within(1e-12));
        assertThat(experiment.designShares(holdout)).extracting(Experiment.GroupShare::group).containsExactly("control", "b", "c", "holdout");
    }

    @Test
    void experiments_checkTheirDefinition() {
        assertThatThrownBy(() -> new Experiment("x", "s", List.of(new Variant("a", 1))))
                .hasMessageContaining("2 to 20 variants");
        assertThatThrownBy(() -> new Experiment("x", "s", List.of(new Variant("a", 1), new Variant("holdout", 1))))
                .hasMessageContaining("variants[1].name");
        assertThatThrownBy(() -> new Experiment("x", "s", List.of(new Variant("a", 1), new Variant("a", -1))))
                .hasMessageContaining("used twice").hasMessageContaining("variants[1].weight");
    }
}
