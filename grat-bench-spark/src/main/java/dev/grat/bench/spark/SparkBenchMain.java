package dev.grat.bench.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code grat bench spark}: Grat's recommenders against Apache Spark MLlib's implicit ALS, on one split, in one
 * run, measured by grat eval's evaluator. See docs/EVALUATION.md, "Grat vs Spark MLlib ALS". Run with
 * <pre>
 *   mvn -q -B -Pspark -pl grat-bench-spark -am install -DskipTests
 *   nice java -cp 'grat-bench-spark/target/classes:grat-bench-spark/target/lib/*' dev.grat.bench.spark.SparkBenchMain \
 *       --ratings ../shared/datasets/movielens-latest-small/ratings.csv
 * </pre>
 */
public final class SparkBenchMain {

    private SparkBenchMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the comparison; returns 0 when done, 1 when it failed, 2 for bad arguments. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            out.print(SparkBenchOptions.USAGE);
            return 0;
        }
        SparkBenchOptions options;
        try {
            options = SparkBenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("grat bench spark: " + e.getMessage());
            err.print(SparkBenchOptions.USAGE);
            return 2;
        }
        try {
            SparkComparison.Outcome outcome = new SparkComparison(options, err).run();
            if (options.json()) {
                ComparisonReport.printText(outcome, options, err);
                ComparisonReport.printJson(outcome, options, out);
            } else {
                ComparisonReport.printText(outcome, options, out);
                out.println();
                ComparisonReport.printJson(outcome, options, out);
            }
            out.flush();
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("grat bench spark: " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("grat bench spark: failed: " + e);
            return 1;
        }
    }
}
