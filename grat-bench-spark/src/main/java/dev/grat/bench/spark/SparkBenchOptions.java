package dev.grat.bench.spark;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static dev.grat.eval.OptionValues.number;
import static dev.grat.eval.OptionValues.numbers;
import static dev.grat.eval.OptionValues.whole;

/**
 * The options of {@code grat bench spark}, checked when parsed (values by grat eval's {@code OptionValues});
 * messages name the option.
 *
 * @param ratings     the dataset, in any format grat eval reads
 * @param binarize    keep only ratings of at least this, before the split; empty keeps all
 * @param trainRatio  share of each user's interactions that trains (and of the training split that
 *                    validation-trains)
 * @param seed        seed of the split, of both ALS initialisations; the validation split uses seed + 1
 * @param k           list length
 * @param factors     ALS factors, for Grat and Spark alike
 * @param iterations  ALS iterations, for Grat and Spark alike
 * @param threads     Grat's training threads, and Spark's master local[threads]
 * @param models      Grat's model families, as grat eval's --models
 * @param sparkAlphas Spark's alpha grid
 * @param sparkRegs   Spark's regParam grid
 * @param sparkBlocks Spark's numUserBlocks and numItemBlocks; 0 keeps Spark's default
 * @param sparkJava   the Java home for the Spark worker; empty finds a Java 17 or 21
 * @param sparkHeap   the Spark worker's maximum heap, as -Xmx takes it
 * @param timingRuns  trainings of each ALS, alternating, for the speed comparison
 * @param workDir     where the split, lists and Spark's log go; empty makes a temporary folder
 * @param json        JSON on standard output, the protocol and table on standard error
 * @param verbose     print every validation run
 */
record SparkBenchOptions(Path ratings, Optional<Double> binarize, double trainRatio, long seed, int k, int factors,
                         int iterations, int threads, String models, List<Double> sparkAlphas, List<Double> sparkRegs,
                         int sparkBlocks, Optional<Path> sparkJava, String sparkHeap, int timingRuns,
                         Optional<Path> workDir, boolean json, boolean verbose) {

    static final String USAGE = """
            usage: grat bench spark --ratings FILE [options]
              Splits FILE once, then tunes, trains and measures Grat's models (grat eval's code) and Apache Spark
              MLlib's implicit ALS (local mode, in a child JVM on Java 17 or 21) on that split, and compares them.
              --ratings FILE       ratings.csv (MovieLens), u.data, a sequence file or a CSV, as grat eval reads
              --binarize T         keep ratings >= T as positives; default: every rating is a positive
              --train-ratio R      share of each user's interactions that trains (default 0.75)
              --seed N             seed of the split and of both ALS (default 42; validation split: seed + 1)
              --k K                list length (default 10)
              --factors N          ALS factors for both (default 64); --iterations N ALS sweeps (default 15)
              --threads N          Grat's training threads and Spark's local[N] (default 2)
              --models LIST        Grat's models, as grat eval's --models (default popularity,item-knn,ease,als)
              --spark-alphas LIST  Spark's alpha grid (default 0.1,0.3,1,3,10)
              --spark-regs LIST    Spark's regParam grid (default 0.01,0.03,0.1,0.3,1)
              --spark-blocks N     Spark's user and item blocks (default: --threads; 0 for Spark's default, 10)
              --spark-java HOME    Java 17 or 21 home for Spark (default: found under /usr/lib/jvm)
              --spark-heap SIZE    the Spark worker's -Xmx (default 2g)
              --timing-runs N      trainings of each ALS, alternating, for the speed comparison (default 3)
              --work-dir DIR       where the split files, lists and Spark's log go (default: a new temp folder)
              --json               JSON on standard output; protocol and table on standard error
              --verbose            print every validation run on standard error
            """;

    static SparkBenchOptions parse(String[] args) {
        Builder b = new Builder();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--json" -> b.json = true;
                case "--verbose" -> b.verbose = true;
                default -> {
                    if (!option.startsWith("--")) {
                        throw new IllegalArgumentException("unexpected argument '" + option + "'");
                    }
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(option + " needs a value");
                    }
                    b.set(option, args[++i]);
                }
            }
        }
        return b.build();
    }

    private static final class Builder {
        Optional<Path> ratings = Optional.empty();
        Optional<Double> binarize = Optional.empty();
        double trainRatio = 0.75;
        long seed = 42;
        int k = 10;
        int factors = 64;
        int iterations = 15;
        int threads = 2;
        String models = "popularity,item-knn,ease,als";
        List<Double> sparkAlphas = List.of(0.1, 0.3, 1.0, 3.0, 10.0);
        List<Double> sparkRegs = List.of(0.01, 0.03, 0.1, 0.3, 1.0);
        Optional<Integer> sparkBlocks = Optional.empty();
        Optional<Path> sparkJava = Optional.empty();
        String sparkHeap = "2g";
        int timingRuns = 3;
        Optional<Path> workDir = Optional.empty();
        boolean json;
        boolean verbose;

        void set(String option, String value) {
            switch (option) {
                case "--ratings" -> ratings = Optional.of(Path.of(value));
                case "--binarize" -> binarize = Optional.of(number(option, value, -1e9, 1e9));
                case "--train-ratio" -> trainRatio = number(option, value, 0.01, 0.99);
                case "--seed" -> seed = whole(option, value, Long.MIN_VALUE, Long.MAX_VALUE);
                case "--k" -> k = (int) whole(option, value, 1, 1000);
                case "--factors" -> factors = (int) whole(option, value, 1, 1024);
                case "--iterations" -> iterations = (int) whole(option, value, 1, 1000);
                case "--threads" -> threads = (int) whole(option, value, 1, 256);
                case "--models" -> models = value;
                case "--spark-alphas" -> sparkAlphas = numbers(option, value, 0, 1e6);
                case "--spark-regs" -> sparkRegs = numbers(option, value, 0, 1e6);
                case "--spark-blocks" -> sparkBlocks = Optional.of((int) whole(option, value, 0, 1024));
                case "--spark-java" -> sparkJava = Optional.of(Path.of(value));
                case "--spark-heap" -> sparkHeap = heap(value);
                case "--timing-runs" -> timingRuns = (int) whole(option, value, 1, 100);
                case "--work-dir" -> workDir = Optional.of(Path.of(value));
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }

        SparkBenchOptions build() {
            Path file = ratings.orElseThrow(() -> new IllegalArgumentException("--ratings FILE is required"));
            return new SparkBenchOptions(file, binarize, trainRatio, seed, k, factors, iterations, threads, models,
                    sparkAlphas, sparkRegs, sparkBlocks.orElse(threads), sparkJava, sparkHeap, timingRuns, workDir,
                    json, verbose);
        }

        private static String heap(String value) {
            if (!value.matches("[1-9][0-9]*[kKmMgG]?")) {
                throw new IllegalArgumentException("--spark-heap must be a size such as 2g or 1500m, was '" + value
                        + "'");
            }
            return value;
        }
    }
}
