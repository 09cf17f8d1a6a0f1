package dev.grat.bench.spark;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SparkBenchOptionsTest {

    @Test
    void parse_usesTheIssueProtocolByDefault_andOneSparkBlockPerThread() {
        SparkBenchOptions o = SparkBenchOptions.parse(new String[] {"--ratings", "ratings.csv"});

        assertThat(o.ratings()).isEqualTo(Path.of("ratings.csv"));
        assertThat(o.trainRatio()).isEqualTo(0.75);
        assertThat(o.k()).isEqualTo(10);
        assertThat(o.seed()).isEqualTo(42);
        assertThat(o.threads()).isEqualTo(2);
        assertThat(o.sparkBlocks()).isEqualTo(2);
        assertThat(o.sparkAlphas()).hasSize(5);
        assertThat(o.sparkRegs()).hasSize(5);
        assertThat(SparkBenchOptions.parse(new String[] {"--ratings", "r", "--threads", "1"}).sparkBlocks()).isEqualTo(1);
        assertThat(SparkBenchOptions.parse(new String[] {"--ratings", "r", "--spark-blocks", "0"}).sparkBlocks()).isZero();
    }

    @Test
    void parse_readsGridsAndFlags() {
        SparkBenchOptions o = SparkBenchOptions.parse(new String[] {"--ratings", "r", "--spark-alphas", "1, 40",
                "--spark-regs", "0.1", "--json", "--binarize", "4", "--spark-heap", "1500m"});

        assertThat(o.sparkAlphas()).containsExactly(1.0, 40.0);
        assertThat(o.sparkRegs()).containsExactly(0.1);
        assertThat(o.json()).isTrue();
        assertThat(o.binarize()).contains(4.0);
        assertThat(o.sparkHeap()).isEqualTo("1500m");
    }

    @Test
    void parse_errorsNameTheOption() {
        assertThatThrownBy(() -> SparkBenchOptions.parse(new String[] {})).hasMessageContaining("--ratings");
        assertThatThrownBy(() -> SparkBenchOptions.parse(new String[] {"--ratings", "r", "--k", "0"}))
                .hasMessageStartingWith("--k");
        assertThatThrownBy(() -> SparkBenchOptions.parse(new String[] {"--ratings", "r", "--spark-heap", "lots"}))
                .hasMessageStartingWith("--spark-heap");
        assertThatThrownBy(() -> SparkBenchOptions.parse(new String[] {"--ratings"})).hasMessage("--ratings needs a value");
        assertThatThrownBy(() -> SparkBenchOptions.parse(new String[] {"--ratings", "r", "--nope", "1"}))
                .hasMessage("unknown option --nope");
    }
}
