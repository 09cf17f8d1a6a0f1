package dev.grat.eval.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grat.recommend.model.Interactions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class PrivacyTradeoffCommandTest {

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return PrivacyTradeoffCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static final List<String> FAST = List.of("--factors", "16", "--iterations", "8", "--threads", "2");

    private String[] args(Path data, String... more) {
        return Stream.of(Stream.of("--ratings", data.toString()), FAST.stream(), Stream.of(more)).flatMap(s -> s)
                .toArray(String[]::new);
    }

    @Test
    void json_printsEveryLevel_andEachStepOfPersonalDataBeatsContext() throws IOException {
        Path data = SessionRatings.write(directory, 1);

        int code = run(args(data, "--json"));

        assertThat(code).as(err.toString()).isZero();
        Map<String, JsonNode> levels = jsonLines();
        assertThat(levels.keySet()).containsExactly("context", "session", "first_party", "full", "cross_channel");
        for (String level : List.of("context", "session", "first_party", "full")) {
            for (String field : List.of("k", "ndcg", "recall", "hitRate", "coverage", "users", "meanHistory")) {
                assertThat(levels.get(level).has(field)).as(level + " " + field).isTrue();
            }
            // users whose held-out items all repeat training ones are not evaluated (as in grat eval)
            assertThat(levels.get(level).get("users").asInt()).isBetween(90, 100);
        }
        double context = ndcg(levels, "context");
        assertThat(ndcg(levels, "session")).isGreaterThan(context + 0.05);
        assertThat(ndcg(levels, "first_party")).isGreaterThan(context + 0.1);
        assertThat(ndcg(levels, "full")).isGreaterThan(context + 0.1);
        assertThat(levels.get("context").get("meanHistory").asDouble()).isZero();
        assertThat(levels.get("cross_channel").get("measured").asBoolean()).isFalse();
        assertThat(levels.get("cross_channel").get("note").asText()).contains("single-source");
        assertThat(err.toString()).contains("5 folds").contains("trained without them");
    }

    @Test
    void sessionLevel_foldsInOnlyTheLastNInteractionsOfOneSession() throws IOException {
        Path data = SessionRatings.write(directory, 2);

        assertThat(run(args(data, "--json", "--session-length", "3"))).as(err.toString()).isZero();

        Map<String, JsonNode> levels = jsonLines();
        double session = levels.get("session").get("meanHistory").asDouble();
        assertThat(session).isGreaterThan(2).isLessThanOrEqualTo(3);
        assertThat(levels.get("first_party").get("meanHistory").asDouble()).isGreaterThan(10);
    }

    @Test
    void firstParty_usesAModelThatNeverSawTheVisitor_soTheirOwnUniqueItemIsUnknownToIt() throws IOException {
        Path data = SessionRatings.write(directory, 3);

        assertThat(run(args(data, "--json"))).as(err.toString()).isZero();

        // every user rated one movie nobody else rated; only the model trained with them knows it
        Map<String, JsonNode> levels = jsonLines();
        double full = levels.get("full").get("meanHistory").asDouble();
        double firstParty = levels.get("first_party").get("meanHistory").asDouble();
        assertThat(full - firstParty).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);
    }

    @Test
    void trainingWithoutAFold_leavesOutExactlyThatFoldsUsers() throws IOException {
        Path data = SessionRatings.write(directory, 4);
        TradeoffExperiment experiment = TradeoffExperiment.prepare(TradeoffOptions.parse(args(data)));

        Interactions without = experiment.trainingWithout(2);

        Set<String> fold = experiment.users().stream().filter(u -> u.fold() == 2)
                .map(TradeoffExperiment.EvaluatedUser::id).collect(Collectors.toSet());
        assertThat(fold).hasSizeBetween(15, 20);
        assertThat(without.users().ids()).doesNotContainAnyElementsOf(fold);
        assertThat(without.userCount()).isEqualTo(experiment.trainingWithout(-1).userCount() - fold.size());
    }

    @Test
    void table_printsTheProtocol_aRowPerLevel_andWhyCrossChannelIsMissing() throws IOException {
        Path data = SessionRatings.write(directory, 5);

        assertThat(run(args(data))).as(err.toString()).isZero();

        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("NDCG@10").contains("random per-user holdout").contains("last 5 interactions");
        assertThat(table.lines().filter(line -> line.matches("^(context|session|first_party|full) +[0-9].*"))).hasSize(4);
        assertThat(table).contains("cross_channel").contains("not measured");
    }

    @Test
    void badArguments_exitWith2AndNameTheOption() {
        assertThat(run("--ratings", "x.csv", "--session-length", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--session-length must be a whole number from 1");
        err.reset();
        assertThat(run("--k", "10")).isEqualTo(2);
        assertThat(err.toString()).contains("--data FILE is required");
        err.reset();
        assertThat(run("--ratings", "a.csv", "--amazon", "b.txt")).isEqualTo(2);
        assertThat(err.toString()).contains("--amazon: give one dataset");
    }

    private static double ndcg(Map<String, JsonNode> levels, String level) {
        return levels.get(level).get("ndcg").asDouble();
    }

    private Map<String, JsonNode> jsonLines() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, JsonNode> byLevel = new LinkedHashMap<>();
        for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
            JsonNode node = mapper.readTree(line);
            byLevel.put(node.get("level").asText(), node);
        }
        return byLevel;
    }
}
