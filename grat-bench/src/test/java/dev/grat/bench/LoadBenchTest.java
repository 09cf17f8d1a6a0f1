package dev.grat.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadBenchTest {

    private static final String POSTGRES = System.getProperty("grat.test.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

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
    void loadOptions_refuseTwoNodesWithoutPostgres_whateverTheOrderOfTheFlags() {
        assertThatThrownBy(() -> LoadOptions.parse(List.of("--nodes", "2"))).hasMessageContaining("--store");
        assertThatThrownBy(() -> LoadOptions.parse(List.of("--nodes", "3"))).hasMessageContaining("--nodes");

        assertThat(LoadOptions.parse(List.of("--nodes", "2", "--store", POSTGRES)).nodes()).isEqualTo(2);
    }

    @Test
    void benchLoad_runsAShortEmbeddedRun_reportsEveryStream_andFindsEveryAcknowledgedEventStoredOnce() {
        String printed = load("--rate", "200", "--seconds", "2", "--batch", "20", "--items", "50", "--visitors", "100",
                "--decisions-rate", "5", "--recommend-rate", "10");

        assertThat(printed).contains("generator in a child JVM", "RESULT load ingest (1 node):",
                "RESULT load recommend while ingesting:", "RESULT load decisions while ingesting:",
                "load: warm-up of").doesNotContain("first failure");
        assertThat(printed).containsPattern("RESULT load delivery .*: acknowledged == stored: [1-9][\\d,]*"
                + " acknowledged personal events");
    }

    @Test
    void benchLoad_withTheGeneratorInProcess_stillRunsAndFindsEveryAcknowledgedEventStoredOnce() {
        String printed = load("--generator", "in-process", "--rate", "200", "--seconds", "1", "--warmup", "1",
                "--batch", "20", "--items", "50", "--visitors", "100", "--decisions-rate", "5", "--recommend-rate",
                "10");

        assertThat(printed).contains("generator in the nodes' JVM", "RESULT load ingest (1 node):",
                "RESULT load decisions while ingesting:").doesNotContain("first failure");
        assertThat(printed).containsPattern("RESULT load delivery .*: acknowledged == stored: [1-9][\\d,]*"
                + " acknowledged personal events");
    }

    @Test
    void loadOptions_generatorRunsInAChildJvmByDefault_andABadValueNamesTheFlag() {
        assertThat(LoadOptions.defaults().generator()).isEqualTo(LoadOptions.Generator.PROCESS);
        assertThat(LoadOptions.parse(List.of("--generator", "in-process")).generator())
                .isEqualTo(LoadOptions.Generator.IN_PROCESS);
        assertThat(LoadOptions.parse(List.of("--generator", "process")).describe()).contains("child JVM");

        assertThatThrownBy(() -> LoadOptions.parse(List.of("--generator", "thread")))
                .hasMessageContaining("--generator").hasMessageContaining("thread");
    }

    @Test
    void generatorProcess_aChildThatRefusesItsFlags_failsTheRunWithItsMessage_ratherThanHanging() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);

        assertThatThrownBy(() -> GeneratorProcess.launch(List.of("--uris", "http://127.0.0.1:1", "--run", "r",
                "--acknowledged", "/nonexistent/file", "--rate", "0"), "sk_test", Duration.ofSeconds(60), err, err))
                .isInstanceOf(GeneratorProcess.Failed.class)
                .hasMessageContaining("exited with status 2").hasMessageContaining("--rate must be at least 1");
        assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("--rate must be at least 1");
    }

    @Test
    void generatorProcess_aChildThatCannotReachANode_failsTheRunNamingTheNode() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);

        assertThatThrownBy(() -> GeneratorProcess.run(List.of(java.net.URI.create("http://127.0.0.1:1")), "sk_test",
                "r", LoadOptions.parse(List.of("--seconds", "1", "--warmup", "0", "--items", "50", "--visitors",
                        "100")), err, err))
                .isInstanceOf(GeneratorProcess.Failed.class)
                .hasMessageContaining("exited with status 1").hasMessageContaining("http://127.0.0.1:1");
    }

    @Test
    void benchLoad_twoNodesInClusterMode_alternateRequests_andStoreEveryAcknowledgedEventOnce() {
        String printed = load("--nodes", "2", "--store", POSTGRES, "--rate", "300", "--seconds", "3", "--batch",
                "20", "--items", "50", "--visitors", "200", "--recommend-rate", "10", "--decisions-rate", "4");

        assertThat(printed).contains("2 nodes in cluster mode", "RESULT load ingest (2 nodes, alternating):")
                .doesNotContain("first failure");
        assertThat(printed).containsPattern("RESULT load delivery .*: acknowledged == stored: [1-9][\\d,]*"
                + " acknowledged personal events");
        // Each node applied changes committed on the other: the alternation reached both.
        assertThat(printed).containsPattern("RESULT load propagation to node A .*\\(last [1-9][\\d,]* changes\\)")
                .containsPattern("RESULT load propagation to node B .*\\(last [1-9][\\d,]* changes\\)");
    }

    @Test
    void deliveryCheck_failsTheRunOnALostOrDoubledEvent_butNotOnEventsOfAFailedRequest() {
        DeliveryCheck.Outcome exact = new DeliveryCheck.Outcome(10, 10, 0, 0, 0, 5, 5);
        DeliveryCheck.Outcome lost = new DeliveryCheck.Outcome(10, 9, 1, 0, 0, 5, 5);
        DeliveryCheck.Outcome doubled = new DeliveryCheck.Outcome(10, 11, 0, 1, 0, 5, 5);
        DeliveryCheck.Outcome anonymousLost = new DeliveryCheck.Outcome(10, 10, 0, 0, 0, 5, 4);
        DeliveryCheck.Outcome committedButUnanswered = new DeliveryCheck.Outcome(10, 12, 0, 0, 2, 5, 6);

        assertThat(exact.exact()).isTrue();
        assertThat(List.of(lost, doubled, anonymousLost)).noneMatch(DeliveryCheck.Outcome::intact)
                .allSatisfy(outcome -> assertThat(outcome.describe()).startsWith("LOST OR DOUBLED"));
        assertThat(committedButUnanswered.intact()).isTrue();
        assertThat(committedButUnanswered.exact()).isFalse();
    }

    /** Runs {@code ./grat bench load} with {@code flags}; it must exit 0 (which needs acknowledged == stored). */
    private static String load(String... flags) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        List<String> args = new java.util.ArrayList<>(List.of("load"));
        args.addAll(List.of(flags));

        int status = BenchMain.run(args, out, out);

        String printed = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(status).as(printed).isZero();
        return printed;
    }
}
