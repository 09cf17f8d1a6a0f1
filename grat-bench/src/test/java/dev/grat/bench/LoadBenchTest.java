package dev.grat.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadBenchTest {

    @Test
    void constantRate_measuresFromTheIntendedSendTime_soAQueueBehindASlowServerShows() {
        // 20 requests due within 0.2 s, one sender, each call 50 ms: the last one starts about 0.8 s late.
        ConstantRate.Outcome outcome = ConstantRate.run(100, Duration.ofMillis(200), 1, i -> {
            Thread.sleep(50);
            return 2;
        });

        assertThat(outcome.sent()).isEqualTo(20);
        assertThat(outcome.units()).isEqualTo(40);
        assertThat(outcome.latencies().getTotalCount()).isEqualTo(20);
        assertThat(outcome.latencies().getMaxValue()).as("microseconds").isGreaterThanOrEqualTo(800_000);
        assertThat(outcome.latencies().getMinValue()).isGreaterThanOrEqualTo(50_000);
    }

    @Test
    void constantRate_countsFailuresAndKeepsTheFirstMessage() {
        ConstantRate.Outcome outcome = ConstantRate.run(1000, Duration.ofMillis(10), 2, i -> {
            throw new IllegalStateException("answered 503");
        });

        assertThat(outcome.failed()).isEqualTo(outcome.sent()).isPositive();
        assertThat(outcome.firstError()).contains("answered 503");
        assertThat(outcome.latencies().getTotalCount()).isZero();
    }

    @Test
    void loadOptions_parseTheFlagsOverTheDefaults() {
        LoadOptions options = LoadOptions.parse(List.of("--rate", "5000", "--seconds", "10", "--store",
                "jdbc:postgresql://127.0.0.1:5432/test", "--decisions-rate", "50"));

        assertThat(options.rate()).isEqualTo(5000);
        assertThat(options.seconds()).isEqualTo(10);
        assertThat(options.store()).hasValue("jdbc:postgresql://127.0.0.1:5432/test");
        assertThat(options.decisionsRate()).isEqualTo(50);
        assertThat(options.batch()).isEqualTo(LoadOptions.defaults().batch());
    }

    @Test
    void loadOptions_refuseABadValueNamingTheFlag() {
        assertThatThrownBy(() -> LoadOptions.parse(List.of("--rate", "0"))).hasMessageContaining("--rate");
        assertThatThrownBy(() -> LoadOptions.parse(List.of("--store", "mysql://x"))).hasMessageContaining("--store");
        assertThatThrownBy(() -> LoadOptions.parse(List.of("--speed", "1"))).hasMessageContaining("unknown flag");
    }

    @Test
    void benchLoad_runsAShortEmbeddedRunAndReportsEveryStream() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);

        int status = BenchMain.run(List.of("load", "--rate", "200", "--seconds", "2", "--batch", "20",
                "--items", "50", "--visitors", "100", "--decisions-rate", "5", "--recommend-rate", "10"), out, out);

        String printed = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(status).as(printed).isZero();
        assertThat(printed).contains("RESULT load ingest:", "RESULT load recommend while ingesting:",
                "RESULT load decisions while ingesting:").doesNotContain("first failure");
    }
}
