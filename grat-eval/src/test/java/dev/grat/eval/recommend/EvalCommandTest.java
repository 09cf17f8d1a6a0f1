package dev.grat.eval.recommend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class EvalCommandTest {

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return EvalCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void json_printsOneObjectPerModel_andLearnedModelsBeatPopularity() throws IOException {
        Path data = SyntheticRatings.writeUData(directory, 1);
        int code = run("--data", data.toString(), "--json", "--threads", "2", "--factors", "16",
                "--ease-lambdas", "10,100");

        assertThat(code).as(err.toString()).isZero();
        Map<String, JsonNode> byModel = jsonLines();
        assertThat(byModel.keySet()).containsExactly("popularity", "item-knn", "ease", "als");
        for (JsonNode result : byModel.values()) {
            for (String field : List.of("model", "k", "precision", "recall", "ndcg", "map", "hitRate", "coverage",
                    "trainSeconds")) {
                assertThat(result.has(field)).as(field).isTrue();
            }
            assertThat(result.get("k").asInt()).isEqualTo(10);
        }
        double popular = byModel.get("popularity").get("ndcg").asDouble();
        assertThat(byModel.get("ease").get("ndcg").asDouble()).isGreaterThan(popular + 0.1);
        assertThat(byModel.get("als").get("ndcg").asDouble()).isGreaterThan(popular + 0.1);
        assertThat(byModel.get("item-knn").get("ndcg").asDouble()).isGreaterThan(popular + 0.1);
        assertThat(err.toString()).contains("full ranking").contains("seed 42").contains("validation split carved");
    }

    @Test
    void table_printsTheProtocolAndARowPerModel() throws IOException {
        Path data = SyntheticRatings.writeUData(directory, 2);
        int code = run("--data", data.toString(), "--models", "popularity,item-knn", "--binarize", "4",
                "--split", "leave-last", "--no-tune");

        assertThat(code).as(err.toString()).isZero();
        String table = out.toString();
        assertThat(table).contains("positives  ratings >= 4.0").contains("leave-last-out by time")
                .contains("tuning     off").contains("NDCG@10");
        assertThat(table.lines().filter(line -> line.startsWith("popularity ") || line.startsWith("item-knn ")))
                .hasSize(2);
    }

    @Test
    void givenSplitFiles_evaluatesExactlyThatSplit() throws IOException {
        Path data = SyntheticRatings.writeUData(directory, 3);
        Split split = Splitter.RANDOM.split(DatasetReader.read(data, DatasetReader.Format.ML100K).ratings(), 0.8, 5);
        Path train = writeSplit("train.tsv", split.train());
        Path test = writeSplit("test.tsv", split.test());
        int code = run("--train", train.toString(), "--test", test.toString(), "--models", "popularity", "--json");

        assertThat(code).as(err.toString()).isZero();
        Set<String> testUsers = split.test().stream().map(Rating::user).collect(Collectors.toCollection(HashSet::new));
        assertThat(err.toString()).contains("train      150 users").contains(testUsers.size() + " users evaluated");
    }

    @Test
    void validationSplit_isCarvedFromTheTrainingSplitOnly() throws IOException {
        Path data = SyntheticRatings.writeUData(directory, 4);
        Experiment experiment = Experiment.prepare(EvalOptions.parse(new String[] {"--data", data.toString()}));
        var validationTrain = experiment.validationTrain().orElseThrow();
        long validationHeldOut = experiment.validationTest().orElseThrow().relevant().values().stream()
                .mapToLong(Set::size).sum();
        assertThat(validationTrain.nonZeros() + validationHeldOut).isEqualTo(experiment.train().nonZeros());
        experiment.test().relevant().forEach((user, items) -> {
            int validationUser = validationTrain.users().find(experiment.train().users().id(user));
            Set<String> validationItems = experiment.validationTest().get().relevant().getOrDefault(validationUser, Set.of());
            assertThat(validationItems).doesNotContainAnyElementsOf(items);
        });
    }

    @Test
    void badArguments_exitWith2AndNameTheOption() {
        assertThat(run("--data", "x", "--k", "zero")).isEqualTo(2);
        assertThat(err.toString()).contains("--k must be a whole number");
        err.reset();
        assertThat(run("--models", "svd", "--data", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("--models takes popularity");
        err.reset();
        assertThat(run("--train", "a.tsv")).isEqualTo(2);
        assertThat(err.toString()).contains("--train and --test");
    }

    @Test
    void missingFile_failsWithExitCode1() {
        assertThat(run("--data", directory.resolve("nothing.csv").toString(), "--no-tune")).isEqualTo(1);
        assertThat(err.toString()).contains("nothing.csv");
    }

    private Map<String, JsonNode> jsonLines() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, JsonNode> byModel = new java.util.LinkedHashMap<>();
        for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
            JsonNode node = mapper.readTree(line);
            byModel.put(node.get("model").asText(), node);
        }
        return byModel;
    }

    private Path writeSplit(String name, List<Rating> ratings) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Rating r : ratings) {
            lines.add(r.user() + "\t" + r.item() + "\t" + r.value() + "\t" + r.timestamp());
        }
        return Files.write(directory.resolve(name), lines);
    }
}
