package dev.grat.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grat.Grat;
import dev.grat.consent.ConsentChange;
import dev.grat.consent.Purpose;
import dev.grat.decide.bandit.Candidate;
import dev.grat.decide.bandit.DecisionAnswer;
import dev.grat.decide.bandit.DecisionRequest;
import dev.grat.decide.bandit.PolicyConfig;
import dev.grat.decide.bandit.RequestContext;
import dev.grat.decide.bandit.SlotExperiment;
import dev.grat.event.Channel;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.event.TrackContext;
import dev.grat.experiment.Experiment;
import dev.grat.experiment.Variant;
import dev.grat.store.sqlite.SqliteDecisions;
import dev.grat.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code grat experiments results} reads what a server left in the data directory. */
class ExperimentsCommandTest {

    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Main(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** An experiment with 200 decisions, a click on every fifth, as a server would have left it. */
    private void runAnExperiment() {
        SqliteStore store = SqliteStore.open(dataDir);
        SqliteDecisions decisions = SqliteDecisions.open(store);
        try (Grat grat = Grat.builder().store(store).decisionLog(decisions.log()).decisionState(decisions.state()).build()) {
            grat.startExperiment(new SlotExperiment("banner", new Experiment("banner-test", "banner-test",
                    List.of(new Variant("control", 1), new Variant("learner", 1))),
                    Map.of("control", PolicyConfig.rule(), "learner", PolicyConfig.epsilonGreedy().withDimension(16)), true));
            List<Candidate> banners = List.of(new Candidate("sale", Map.of("discount", 0.3)),
                    new Candidate("new-in", Map.of("new", 1.0)));
            for (int i = 0; i < 200; i++) {
                String visitor = "visitor-" + i;
                grat.setConsent(visitor, new ConsentChange(Map.of(Purpose.ANALYTICS, true), "banner", "v1", false));
                DecisionAnswer answer = grat.decide(new DecisionRequest(visitor, "banner", banners,
                        RequestContext.of("web", "desktop"), "sale"));
                if (i % 5 == 0) {
                    grat.track(List.of(Event.builder().id("click-" + i).type(EventType.OFFER_CLICK).visitorId(visitor)
                            .channel(Channel.WEB).timestamp(Instant.now()).decisionId(answer.decisionId()).build()),
                            TrackContext.none());
                }
            }
        }
    }

    @Test
    void results_printEveryGroupWithIntervals_theComparison_andTheSampleRatioCheck() {
        runAnExperiment();

        assertThat(run("experiments", "results", "--data", dataDir.toString(), "--id", "banner-test")).as(err.toString())
                .isZero();

        assertThat(out()).contains("experiment banner-test on slot banner (running); control: control",
                "\ncontrol (design share 47.50%)", "\nlearner (design share 47.50%)", "\nholdout (design share 5.00%)",
                "vs control", "always-valid p", "P(beats control)", "sample ratio: chi-square", "matches the design",
                "method: ");
    }

    @Test
    void resultsAsJson_areTheSameDocumentAsTheHttpApi() throws IOException {
        runAnExperiment();

        assertThat(run("experiments", "results", "--json", "--data", dataDir.toString(), "--id", "banner-test")).isZero();

        JsonNode json = new ObjectMapper().readTree(out());
        assertThat(json.get("experimentId").textValue()).isEqualTo("banner-test");
        assertThat(json.get("groups").findValuesAsText("group")).containsExactly("control", "learner", "holdout");
        long exposures = 0;
        long clicks = 0;
        for (JsonNode group : json.get("groups")) {
            exposures += group.get("exposures").longValue();
            clicks += group.get("clicks").longValue();
            assertThat(group.get("ctr").get("low").isNumber()).isTrue();
        }
        assertThat(exposures).isEqualTo(200);
        assertThat(clicks).isEqualTo(40);
        assertThat(json.get("sampleRatio").get("mismatch").booleanValue()).isFalse();
    }

    @Test
    void unknownExperiment_failsWithTheExperimentsThatExist() {
        runAnExperiment();

        assertThat(run("experiments", "results", "--data", dataDir.toString(), "--id", "nope")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("experiment 'nope' does not exist", "banner-test");
    }

    @Test
    void missingIdOrSubcommand_isAUsageError() {
        assertThat(run("experiments", "results", "--data", dataDir.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("needs --id ID");
        assertThat(run("experiments", "list")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("experiments needs the subcommand results");
    }
}
