package dev.grat.bench.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grat.eval.recommend.EvalCommand;
import dev.grat.recommend.model.Interactions;
import dev.grat.recommend.model.UserHistory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The path Spark's lists take through grat eval's code, without Spark: split, files, validation, evaluator. */
class GratEvaluationTest {

    @TempDir
    Path dir;
    private Path train;
    private Path test;
    private SplitRows split;

    @BeforeEach
    void writeSplit() throws IOException {
        Path ratings = dir.resolve("ratings.csv");
        List<String> lines = new ArrayList<>(List.of("userId,movieId,rating,timestamp"));
        Random random = new Random(7);
        for (int user = 1; user <= 40; user++) {
            for (int movie = 1; movie <= 30; movie++) {
                if (random.nextDouble() < 0.5) {
                    lines.add(user + "," + movie + "," + (1 + random.nextInt(5)) + ".0," + (1_000_000 + movie));
                }
            }
        }
        Files.write(ratings, lines);
        split = GratEvaluation.randomSplit(ratings, Optional.empty(), 0.75, 42);
        train = dir.resolve("train.tsv");
        test = dir.resolve("test.tsv");
        SplitFiles.write(train, split.train());
        SplitFiles.write(test, split.test());
    }

    private GratEvaluation open(String models) throws IOException {
        return GratEvaluation.open(List.of("--train", train.toString(), "--test", test.toString(), "--seed", "42",
                "--models", models, "--threads", "1"), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
    }

    @Test
    void randomSplit_holdsOutAboutAQuarterOfEachUsersRatings() {
        assertThat(split.train().size() + split.test().size()).isGreaterThan(500);
        assertThat((double) split.test().size() / (split.train().size() + split.test().size()))
                .isCloseTo(0.25, within(0.03));
    }

    @Test
    void validationSplit_isThePartGratEvalTrainsOnDuringTuning() throws IOException {
        GratEvaluation eval = open("popularity");
        SplitRows validation = GratEvaluation.validationSplit(train, 0.75, 43);
        Interactions matrix = eval.validationTrain();

        assertThat(validation.train()).hasSize(matrix.nonZeros());
        for (SplitRow row : validation.train()) {
            UserHistory history = matrix.historyOf(matrix.users().find(row.user()));
            assertThat(history.items()).contains(matrix.items().find(row.item()));
        }
    }

    @Test
    void evaluate_givesPerfectListsNdcgOne_andEmptyListsZero() throws IOException {
        GratEvaluation eval = open("popularity");
        Map<String, List<String>> perfect = new HashMap<>();
        Map<String, List<String>> trained = new HashMap<>();
        for (SplitRow row : split.train()) {
            trained.computeIfAbsent(row.user(), u -> new ArrayList<>()).add(row.item());
        }
        for (SplitRow row : split.test()) {
            List<String> list = perfect.computeIfAbsent(row.user(), u -> new ArrayList<>());
            if (list.size() < 10 && !trained.getOrDefault(row.user(), List.of()).contains(row.item())
                    && eval.train().items().find(row.item()) >= 0) {
                list.add(row.item());
            }
        }

        ModelScore best = eval.evaluate("perfect", "test", RankedLists.of(eval.train(), perfect), false);
        ModelScore none = eval.evaluate("none", "test", RankedLists.of(eval.train(), Map.of()), false);

        assertThat(best.users()).isEqualTo(eval.summary().testUsers()).isPositive();
        assertThat(best.hitRate()).isEqualTo(1.0);
        assertThat(best.ndcg()).isGreaterThan(0.9);
        assertThat(none.ndcg()).isZero();
        assertThat(none.hitRate()).isZero();
    }

    @Test
    void tune_givesWhatGratEvalPrintsForTheSameFiles() throws IOException {
        ModelScore shared = open("popularity").tune("popularity");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = EvalCommand.run(new String[] {"--train", train.toString(), "--test", test.toString(), "--seed", "42",
                "--models", "popularity", "--json"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        Map<?, ?> printed = new ObjectMapper().readValue(out.toString(StandardCharsets.UTF_8).strip(), Map.class);

        assertThat(code).isZero();
        assertThat(shared.ndcg()).isEqualTo(((Number) printed.get("ndcg")).doubleValue());
        assertThat(shared.precision()).isEqualTo(((Number) printed.get("precision")).doubleValue());
        assertThat(shared.users()).isEqualTo(((Number) printed.get("users")).intValue());
    }
}
