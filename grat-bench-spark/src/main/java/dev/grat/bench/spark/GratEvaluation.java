package dev.grat.bench.spark;

import dev.grat.eval.recommend.DatasetReader;
import dev.grat.eval.recommend.EvalOptions;
import dev.grat.eval.recommend.Evaluator;
import dev.grat.eval.recommend.Experiment;
import dev.grat.eval.recommend.Metrics;
import dev.grat.eval.recommend.ModelFamily;
import dev.grat.eval.recommend.Rating;
import dev.grat.eval.recommend.Result;
import dev.grat.eval.recommend.Split;
import dev.grat.eval.recommend.Splitter;
import dev.grat.eval.recommend.TestSet;
import dev.grat.eval.recommend.Tuner;
import dev.grat.recommend.model.Interactions;
import dev.grat.recommend.model.Recommender;
import dev.grat.recommend.model.Trainer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * grat eval's reader, random splitter, experiment, tuner and evaluator (its public API), as the Spark comparison
 * uses them: Grat's models and Spark's lists are split, tuned and measured by exactly the code of
 * {@code ./grat eval}.
 */
final class GratEvaluation {

    private final EvalOptions options;
    private final Experiment experiment;
    private final PrintStream log;

    private GratEvaluation(EvalOptions options, Experiment experiment, PrintStream log) {
        this.options = options;
        this.experiment = experiment;
        this.log = log;
    }

    /** The dataset's name as grat eval reports it, for example "ratings.csv (movielens)". */
    static String datasetName(Path ratings) throws IOException {
        return DatasetReader.read(ratings, DatasetReader.detect(ratings)).name();
    }

    /**
     * Reads a ratings file as {@code grat eval --data} does (format detected), keeps the ratings of at least
     * {@code binarize} when given, and splits per user at random as {@code --split random} does.
     */
    static SplitRows randomSplit(Path ratings, Optional<Double> binarize, double trainRatio, long seed)
            throws IOException {
        List<Rating> all = DatasetReader.read(ratings, DatasetReader.detect(ratings)).ratings();
        List<Rating> kept = binarize.map(t -> all.stream().filter(r -> r.value() >= t).toList()).orElse(all);
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("--binarize " + binarize.orElseThrow() + " keeps no rating of " + ratings);
        }
        return rows(Splitter.RANDOM.split(kept, trainRatio, seed));
    }

    /**
     * The validation split grat eval carves from a training file given with {@code --train}: the same random
     * per-user split of the file's lines, in file order, with the validation seed.
     */
    static SplitRows validationSplit(Path trainFile, double trainRatio, long validationSeed) throws IOException {
        List<Rating> train = DatasetReader.read(trainFile, DatasetReader.Format.SPLIT).ratings();
        return rows(Splitter.RANDOM.split(train, trainRatio, validationSeed));
    }

    /**
     * Prepares grat eval on a split made elsewhere, with grat eval's own arguments (which must include
     * {@code --train FILE --test FILE}); it carves the validation split when tuning is on.
     */
    static GratEvaluation open(List<String> evalArguments, PrintStream log) throws IOException {
        EvalOptions options = EvalOptions.parse(evalArguments.toArray(String[]::new));
        if (options.trainFile().isEmpty()) {
            throw new IllegalArgumentException("the shared evaluation needs --train FILE and --test FILE");
        }
        return new GratEvaluation(options, Experiment.prepare(options), log);
    }

    Interactions train() {
        return experiment.train();
    }

    /** The validation-training matrix carved from the training split. */
    Interactions validationTrain() {
        return experiment.validationTrain().orElseThrow(() -> new IllegalStateException("tuning is off"));
    }

    SplitSummary summary() {
        TestSet test = experiment.test();
        long heldOut = test.relevant().values().stream().mapToLong(Set::size).sum();
        return new SplitSummary(train().userCount(), train().itemCount(), train().nonZeros(), test.users(), heldOut,
                test.coldUsers(), test.repeatsDropped(), experiment.validationTrain().map(Interactions::nonZeros)
                .orElse(0), experiment.validationSeed());
    }

    /** Tunes one of grat eval's model families on the validation split, retrains it and tests it, as grat eval does. */
    ModelScore tune(String family) {
        Result result = new Tuner(experiment, options, log).run(ModelFamily.parse(family));
        return score(result.model(), "grat", result.metrics()).withTraining(result.params(), result.trainSeconds(),
                result.validationNdcg(), result.candidates());
    }

    /** The ALS trainer of grat eval's grid whose description is {@code params} (as in a tuned result). */
    Trainer alsTrainer(String params) {
        return ModelFamily.ALS.grid(options).stream().filter(t -> t.describe().equals(params)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no ALS setting of grat eval's grid is " + params));
    }

    /**
     * Measures any recommender with grat eval's evaluator: on the test split when {@code validation} is false
     * (the model must rank the training matrix's items), else on the validation split.
     */
    ModelScore evaluate(String model, String engine, Recommender recommender, boolean validation) {
        Metrics metrics = validation
                ? Evaluator.evaluate(recommender, validationTrain(), experiment.validationTest().orElseThrow(), options.k())
                : Evaluator.evaluate(recommender, train(), experiment.test(), options.k());
        return score(model, engine, metrics);
    }

    private static ModelScore score(String model, String engine, Metrics m) {
        return new ModelScore(model, engine, "", m.k(), m.users(), m.precision(), m.recall(), m.ndcg(), m.map(),
                m.hitRate(), m.coverage(), 0, OptionalDouble.empty(), 1);
    }

    private static SplitRows rows(Split split) {
        return new SplitRows(rows(split.train()), rows(split.test()));
    }

    private static List<SplitRow> rows(List<Rating> ratings) {
        return ratings.stream().map(r -> new SplitRow(r.user(), r.item(), r.value(), r.timestamp())).toList();
    }
}
