package dev.grat.bench.spark;

import dev.grat.recommend.model.Trainer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One run of the comparison: one split, written once; Grat's models tuned and measured by grat eval's code on
 * it; Spark's ALS tuned on the same validation split and its lists measured by the same evaluator; then both
 * ALS trained again, alternately, at the same factors and iterations, for the speed comparison.
 */
final class SparkComparison {

    private final SparkBenchOptions options;
    private final PrintStream log;

    /** One engine's ALS setting and its timings. */
    record Measured(String params, Timing timing) {
    }

    /**
     * The speed comparison: each ALS at its chosen setting, trained {@code timingRuns} times on the training split;
     * Spark also with its default number of blocks when the run chose another.
     */
    record Speed(Measured grat, Measured spark, Optional<Measured> sparkDefaultBlocks) {

        double wallRatio(Measured other) {
            return other.timing().medianWall() / grat.timing().medianWall();
        }

        double cpuRatio(Measured other) {
            return other.timing().medianCpu() / grat.timing().medianCpu();
        }
    }

    /** Everything the report needs. */
    record Outcome(String dataset, SplitSummary split, Path workDir, Path sparkJava, SparkWorkerProcess.Ready spark,
                   List<ModelScore> scores, Optional<Speed> speed) {
    }

    SparkComparison(SparkBenchOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    Outcome run() throws IOException {
        Path dir = workDir();
        Path train = dir.resolve("train.tsv");
        Path test = dir.resolve("test.tsv");
        Path validationTrain = dir.resolve("validation-train.tsv");
        SplitRows split = GratEvaluation.randomSplit(options.ratings(), options.binarize(), options.trainRatio(),
                options.seed());
        SplitFiles.write(train, split.train());
        SplitFiles.write(test, split.test());
        SplitRows validation = GratEvaluation.validationSplit(train, options.trainRatio(), options.seed() + 1);
        SplitFiles.write(validationTrain, validation.train());
        GratEvaluation eval = GratEvaluation.open(evalArguments(train, test), log);
        requireSameValidation(validation, eval);
        Path sparkJava = SparkJava.find(options.sparkJava());
        log.printf(Locale.ROOT, "grat bench spark: split written to %s; Grat's models first%n", dir);

        List<ModelScore> scores = new ArrayList<>();
        for (String family : options.models().split(",")) {
            scores.add(eval.tune(family.trim()));
            log.printf(Locale.ROOT, "  grat %-10s NDCG@%d %.4f  (%s)%n", family.trim(), options.k(),
                    scores.getLast().ndcg(), scores.getLast().params());
        }
        Optional<ModelScore> gratAls = scores.stream().filter(s -> s.model().equals("als")).findFirst();
        try (SparkWorkerProcess spark = SparkWorkerProcess.start(sparkJava, System.getProperty("java.class.path"),
                options.sparkHeap(), "local[" + options.threads() + "]", dir.resolve("spark.log"))) {
            log.printf(Locale.ROOT, "grat bench spark: Spark %s up on Java %s, %s; tuning its ALS%n",
                    spark.ready().sparkVersion(), spark.ready().javaVersion(), spark.ready().master());
            SparkAlsTuner tuner = new SparkAlsTuner(options, eval, spark, log);
            SparkAlsTuner.Tuned tuned = tuner.tune(validationTrain, train, dir);
            scores.add(tuned.score());
            Optional<Speed> speed = gratAls.isEmpty() ? Optional.empty()
                    : Optional.of(speed(eval.alsTrainer(gratAls.get().params()), eval, spark, tuned.setting(), train));
            return new Outcome(GratEvaluation.datasetName(options.ratings()), eval.summary(), dir, sparkJava,
                    spark.ready(), scores, speed);
        }
    }

    /** Trains both ALS in turn, so that a change in the shared machine's load hits both alike. */
    private Speed speed(Trainer grat, GratEvaluation eval, SparkWorkerProcess spark, SparkAlsSetting setting,
                        Path train) throws IOException {
        Optional<SparkAlsSetting> defaultBlocks = setting.blocks() == 0 ? Optional.empty()
                : Optional.of(new SparkAlsSetting(setting.rank(), setting.iterations(), setting.regParam(),
                        setting.alpha(), setting.seed(), 0));
        Runs gratRuns = new Runs();
        Runs sparkRuns = new Runs();
        Runs defaultRuns = new Runs();
        for (int run = 0; run < options.timingRuns(); run++) {
            long cpu = Timing.processCpuNanos();
            long started = System.nanoTime();
            grat.train(eval.train());
            gratRuns.add((System.nanoTime() - started) / 1e9, (Timing.processCpuNanos() - cpu) / 1e9);
            SparkWorkerProcess.Fit fit = spark.fit(train, setting, options.k(), Optional.empty());
            sparkRuns.add(fit.wallSeconds(), fit.cpuSeconds());
            if (defaultBlocks.isPresent()) {
                SparkWorkerProcess.Fit byDefault = spark.fit(train, defaultBlocks.get(), options.k(), Optional.empty());
                defaultRuns.add(byDefault.wallSeconds(), byDefault.cpuSeconds());
            }
            log.printf(Locale.ROOT, "  timing run %d: grat %.2f s (CPU %.2f s), spark %.2f s (CPU %.2f s)%s%n", run + 1,
                    gratRuns.wall.getLast(), gratRuns.cpu.getLast(), fit.wallSeconds(), fit.cpuSeconds(),
                    defaultBlocks.isEmpty() ? "" : String.format(Locale.ROOT, ", spark with default blocks %.2f s"
                            + " (CPU %.2f s)", defaultRuns.wall.getLast(), defaultRuns.cpu.getLast()));
        }
        return new Speed(new Measured(grat.describe(), gratRuns.timing()),
                new Measured(setting.describe(), sparkRuns.timing()),
                defaultBlocks.map(d -> new Measured(d.describe(), defaultRuns.timing())));
    }

    /** Measurements collected run by run. */
    private static final class Runs {
        private final List<Double> wall = new ArrayList<>();
        private final List<Double> cpu = new ArrayList<>();

        void add(double wallSeconds, double cpuSeconds) {
            wall.add(wallSeconds);
            cpu.add(cpuSeconds);
        }

        Timing timing() {
            return new Timing(wall, cpu);
        }
    }

    private List<String> evalArguments(Path train, Path test) {
        List<String> args = new ArrayList<>(List.of("--train", train.toString(), "--test", test.toString(),
                "--seed", Long.toString(options.seed()), "--k", Integer.toString(options.k()),
                "--train-ratio", Double.toString(options.trainRatio()), "--threads", Integer.toString(options.threads()),
                "--factors", Integer.toString(options.factors()), "--iterations", Integer.toString(options.iterations()),
                "--models", options.models()));
        if (options.verbose()) {
            args.add("--verbose");
        }
        return args;
    }

    /** Spark must validate on exactly the pairs Grat validates on; a difference would be a bug here, so it stops the run. */
    private static void requireSameValidation(SplitRows validation, GratEvaluation eval) {
        Set<String> pairs = new HashSet<>();
        for (SplitRow row : validation.train()) {
            pairs.add(row.user() + '\t' + row.item());
        }
        if (pairs.size() != eval.validationTrain().nonZeros()) {
            throw new IllegalStateException("the validation split written for Spark has " + pairs.size()
                    + " pairs but grat eval's has " + eval.validationTrain().nonZeros());
        }
    }

    private Path workDir() throws IOException {
        if (options.workDir().isPresent()) {
            return Files.createDirectories(options.workDir().get());
        }
        return Files.createTempDirectory("grat-bench-spark-");
    }
}
