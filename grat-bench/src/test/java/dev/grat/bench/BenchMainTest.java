package dev.grat.bench;

import dev.grat.bench.jmh.DecisionBenchmark;
import dev.grat.bench.jmh.EventReadingBenchmark;
import dev.grat.bench.jmh.RecommendationBenchmark;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Proves that every benchmark still runs, on a tiny workload; the numbers are not checked. */
class BenchMainTest {

    private static final List<String> TINY = List.of("--quick", "--items", "200", "--visitors", "300",
            "--requests", "200", "--max-seconds", "60");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void ingest_quick_printsDurableEventsPerSecondWithTheSettings() {
        assertThat(run("ingest")).isZero();

        assertThat(output()).contains("items 200 · visitors 300 · batch 200 · threads 4", "JDK ", " cores")
                .containsPattern("RESULT ingest \\(in-process\\): [\\d,]+ durable events/s")
                .containsPattern("in ([\\d,]+) of \\1 batches").doesNotContain("stopped at the time bound");
    }

    @Test
    void recommend_quick_printsLatencyPercentilesPerScenario() {
        assertThat(run("recommend")).isZero();

        assertThat(output())
                .containsPattern("RESULT recommend \\(in-process\\) home, consenting visitor: p50 [\\d.]+ ms .*"
                        + "p99 [\\d.]+ ms .*\\(n = 200\\), 100% personalized")
                .contains("product page, consenting visitor")
                .containsPattern("home, visitor without consent: .*, 0% personalized");
    }

    @Test
    void http_quick_ingestsOverHttpAndMeasuresRecommendationLatency() {
        assertThat(run("http")).isZero();

        assertThat(output()).containsPattern("RESULT ingest \\(HTTP\\): [\\d,]+ durable events/s")
                .containsPattern("RESULT recommend \\(HTTP, home, random visitors, 4 concurrent clients\\): "
                        + "p50 [\\d.]+ ms .*p99.9 [\\d.]+ ms")
                .contains("RESULT recommend (HTTP, home, random visitors, 1 concurrent client): p50");
    }

    @Test
    void http_quickWithTrainModel_trainsAlsAndAnswersConsentingVisitorsWithIt() {
        assertThat(run("http", "--train-model")).isZero();

        assertThat(output()).contains("learned model (ALS) trained")
                .containsPattern("setup: learned model trained in [\\d,]+ ms on [\\d,]+ users × [\\d,]+ items,"
                        + " [\\d,]+ interactions \\(implicit ALS, factors=64")
                .containsPattern("RESULT recommend \\(HTTP, home, random visitors, 1 concurrent client\\): p50 .*"
                        + "\\d+% personalized, [1-9]\\d*% personal-als-blend");
    }

    @Test
    void trainModel_isRefusedForCommandsWithoutRecommendations() {
        assertThat(BenchMain.run(List.of("ingest", "--train-model"), print(out), print(err))).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--train-model applies to recommend, http and all, not to ingest");
    }

    @Test
    void decisions_quick_measuresDecisionLatencyOverHttpFromOneAndFourClients() {
        assertThat(run("decisions")).isZero();

        assertThat(output()).contains("setup: slot bench-offers with LinUCB; 50 candidates of 100 features")
                .containsPattern("RESULT decide \\(HTTP, LinUCB, 50×100, synchronous full, 1 concurrent client\\): "
                        + "p50 [\\d.]+ ms · p90 [\\d.]+ ms · p99 [\\d.]+ ms · p99.9 [\\d.]+ ms .*\\(n = 201\\); "
                        + "\\d+% personalized, \\d+% holdout")
                .containsPattern("RESULT decide \\(HTTP, LinUCB, 50×100, synchronous full, 4 concurrent clients\\): "
                        + "p50 .*\\(n = 204\\)");
    }

    @Test
    void unknownCommandOrFlag_exitsWithUsageError() {
        assertThat(BenchMain.run(List.of("fly"), print(out), print(err))).isEqualTo(2);
        assertThat(BenchMain.run(List.of("ingest", "--items", "many"), print(out), print(err))).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command \"fly\"")
                .contains("--items must be a whole number, was \"many\"");
    }

    @Test
    void jmhBenchmarks_runOneShortIteration() throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(EventReadingBenchmark.class.getSimpleName())
                .include(RecommendationBenchmark.class.getSimpleName())
                .param("items", "200").param("visitors", "300")
                .forks(0).warmupIterations(0).measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(50))
                .output(System.getProperty("java.io.tmpdir") + "/grat-jmh-smoke.log")
                .build()).run();

        assertThat(results).hasSize(6).allSatisfy(result ->
                assertThat(result.getPrimaryResult().getScore()).isPositive());
    }

    @Test
    void decisionBenchmark_runsOneShortIterationOfEveryBenchmark() throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(DecisionBenchmark.class.getSimpleName())
                .param("candidates", "5").param("features", "10").param("items", "200").param("visitors", "300")
                .forks(0).warmupIterations(0).measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(50))
                .output(System.getProperty("java.io.tmpdir") + "/grat-jmh-decision-smoke.log")
                .build()).run();

        assertThat(results).extracting(result -> result.getParams().getBenchmark().replaceAll(".*\\.", ""))
                .containsExactlyInAnyOrder("engineDecide", "linUcbDecide", "linUcbUpdate", "thompsonDecide",
                        "thompsonUpdate");
        assertThat(results).allSatisfy(result -> assertThat(result.getPrimaryResult().getScore()).isPositive());
    }

    private int run(String command, String... flags) {
        List<String> args = new java.util.ArrayList<>(List.of(command));
        args.addAll(TINY);
        args.addAll(List.of(flags));
        return BenchMain.run(args, print(out), print(err));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
