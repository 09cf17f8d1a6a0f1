package dev.grat.bench.spark;


import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Tunes Spark's ALS as grat eval tunes Grat's models: every setting of the alpha x regParam grid is trained on
 * the validation-training part and its lists are ranked by NDCG@k on the validation part (grat eval's evaluator);
 * the best is trained on the whole training split and tested once.
 */
final class SparkAlsTuner {

    private final SparkBenchOptions options;
    private final GratEvaluation eval;
    private final SparkWorkerProcess spark;
    private final PrintStream log;

    /** The chosen setting and its test result. */
    record Tuned(SparkAlsSetting setting, ModelScore score) {
    }

    SparkAlsTuner(SparkBenchOptions options, GratEvaluation eval, SparkWorkerProcess spark, PrintStream log) {
        this.options = options;
        this.eval = eval;
        this.spark = spark;
        this.log = log;
    }

    Tuned tune(Path validationTrain, Path train, Path dir) throws IOException {
        List<SparkAlsSetting> grid = grid();
        Path lists = dir.resolve("spark-lists.tsv");
        SparkAlsSetting best = grid.getFirst();
        double bestNdcg = Double.NEGATIVE_INFINITY;
        for (SparkAlsSetting setting : grid) {
            spark.fit(validationTrain, setting, options.k(), Optional.of(lists));
            double ndcg = score(lists, true).ndcg();
            if (options.verbose()) {
                log.printf(Locale.ROOT, "  validation spark-als  %-70s NDCG@%d %.4f%n", setting.describe(),
                        options.k(), ndcg);
            }
            if (ndcg > bestNdcg) {
                bestNdcg = ndcg;
                best = setting;
            }
        }
        SparkWorkerProcess.Fit fit = spark.fit(train, best, options.k(), Optional.of(lists));
        ModelScore score = score(lists, false).withTraining(best.describe(), fit.wallSeconds(),
                OptionalDouble.of(bestNdcg), grid.size());
        log.printf(Locale.ROOT, "  spark als       NDCG@%d %.4f  (%s)%n", options.k(), score.ndcg(), best.describe());
        return new Tuned(best, score);
    }

    private ModelScore score(Path lists, boolean validation) throws IOException {
        RankedLists model = RankedLists.of(validation ? eval.validationTrain() : eval.train(),
                SplitFiles.readLists(lists));
        return eval.evaluate("spark-als", "spark-mllib " + spark.ready().sparkVersion(), model, validation);
    }

    private List<SparkAlsSetting> grid() {
        List<SparkAlsSetting> grid = new ArrayList<>();
        for (double alpha : options.sparkAlphas()) {
            for (double reg : options.sparkRegs()) {
                grid.add(new SparkAlsSetting(options.factors(), options.iterations(), reg, alpha, options.seed(),
                        options.sparkBlocks()));
            }
        }
        return grid;
    }
}
