package dev.grat.eval.bandit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class OpeCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return OpeCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void obd_printsOnPolicyRatesEstimatesAndTrainedPolicies() {
        int code = run("--obd", Fixtures.obd().toString(), "--campaign", "men", "--bootstrap", "100", "--dimension", "32");
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(text).contains("bernoulli TS (action frequencies of its log)", "IPS", "SNIPS", "DR", "relative CTR bts / random",
                "[replay, learned from", "[warm start, learned from 300 rounds]", "Method:");
    }

    @Test
    void obd_json_holdsEverySection() throws Exception {
        int code = run("--obd", Fixtures.obd().toString(), "--campaign", "men", "--bootstrap", "100", "--dimension", "32", "--json");
        assertThat(code).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.path("bts").path("clicks").asLong()).isPositive();
        assertThat(json.path("btsFromRandom").path("estimates")).hasSize(3);
        assertThat(json.path("btsFromPrior").isNull()).isTrue();
        assertThat(json.path("heldOut")).hasSize(8);
        double truth = Fixtures.TRUE_BTS_VALUE;
        JsonNode dr = json.path("btsFromRandom").path("estimates").get(2);
        assertThat(dr.path("estimator").asText()).isEqualTo("DR");
        assertThat(dr.path("low").asDouble()).isLessThan(truth);
        assertThat(dr.path("high").asDouble()).isGreaterThan(truth);
    }

    @Test
    void simulateAndLatency_produceTheirReports() throws Exception {
        assertThat(run("--simulate", "--rounds", "400", "--offers", "5", "--dimension", "16", "--json")).isZero();
        JsonNode simulation = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(simulation.path("policies")).hasSize(5);
        out.reset();
        assertThat(run("--latency", "--candidates", "5", "--features", "8", "--iterations", "50")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("linucb", "thompson", "epsilon_greedy", "DecisionService.decide", "p99");
    }

    @Test
    void badArguments_exitWithTwo_andSayWhatIsWrong() {
        assertThat(run("--obd", "/nonexistent", "--campaign", "men")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not a directory");
        err.reset();
        assertThat(run("--obd", Fixtures.obd().toString(), "--campaign", "kids")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--campaign must be men, women or all");
        err.reset();
        assertThat(run("--frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown argument '--frobnicate'");
        err.reset();
        assertThat(run("--simulate", "--rounds", "many")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--rounds must be a whole number");
    }

    @Test
    void missingLogFile_exitsWithOne() {
        assertThat(run("--obd", Fixtures.obd().toString(), "--campaign", "women")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing").contains("women");
    }
}
