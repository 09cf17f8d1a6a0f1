package dev.grat.bench.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints a comparison as a protocol and a table, and as JSON: one object per model, then one for the comparison. */
final class ComparisonReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ComparisonReport() {
    }

    static void printText(SparkComparison.Outcome o, SparkBenchOptions opt, PrintStream out) {
        SplitSummary s = o.split();
        out.printf(Locale.ROOT, "dataset    %s%s%n", o.dataset(), opt.binarize().map(t -> ", ratings >= " + t + " kept")
                .orElse(""));
        out.printf(Locale.ROOT, "positives  every kept interaction, each counts 1 for both engines (Spark's rating"
                + " column is 1 for every pair)%n");
        out.printf(Locale.ROOT, "split      random per-user holdout, train ratio %.2f, seed %d, made once and written"
                + " to %s (train.tsv, test.tsv)%n", opt.trainRatio(), opt.seed(), o.workDir());
        out.printf(Locale.ROOT, "train      %d users x %d items, %d interactions; validation-training part %d"
                + " interactions (seed %d)%n", s.trainUsers(), s.trainItems(), s.trainInteractions(),
                s.validationInteractions(), s.validationSeed());
        out.printf(Locale.ROOT, "test       %d users evaluated, %d held-out items; %d cold users and %d held-out"
                + " repeats of training pairs left out%n", s.testUsers(), s.heldOut(), s.coldUsers(), s.repeatsDropped());
        out.printf(Locale.ROOT, "protocol   grat eval's evaluator for both engines: full ranking of all %d training"
                + " items, each user's training items removed, metrics at k=%d, binary relevance, no sampled"
                + " negatives%n", s.trainItems(), opt.k());
        out.printf(Locale.ROOT, "tuning     on the validation split only, best NDCG@%d, retrained on the whole training"
                + " split: Grat with grat eval's grids; Spark alpha %s x regParam %s at rank %d, maxIter %d%n",
                opt.k(), list(opt.sparkAlphas()), list(opt.sparkRegs()), opt.factors(), opt.iterations());
        out.printf(Locale.ROOT, "engines    Grat: Java %s, %d training threads. Spark MLlib %s ALS implicitPrefs=true:"
                + " Java %s (%s), %s, %s user and item blocks, heap %s, %s and %s%n", Runtime.version().feature(),
                opt.threads(), o.spark().sparkVersion(), o.spark().javaVersion(), o.sparkJava(), o.spark().master(),
                opt.sparkBlocks() == 0 ? "default" : Integer.toString(opt.sparkBlocks()), opt.sparkHeap(),
                o.spark().blas(), o.spark().lapack());
        out.printf(Locale.ROOT, "reproduce  ./grat eval --train %s --test %s --seed %d gives the Grat rows%n%n",
                o.workDir().resolve("train.tsv"), o.workDir().resolve("test.tsv"), opt.seed());
        out.printf(Locale.ROOT, "%-11s %-18s %8s %8s %8s %8s %8s %8s %9s  %s%n", "model", "engine", "P@" + opt.k(),
                "R@" + opt.k(), "NDCG@" + opt.k(), "MAP@" + opt.k(), "HR@" + opt.k(), "coverage", "train s",
                "params (validation NDCG)");
        for (ModelScore m : o.scores()) {
            out.printf(Locale.ROOT, "%-11s %-18s %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %9.2f  %s%s%n", m.model(),
                    m.engine(), m.precision(), m.recall(), m.ndcg(), m.map(), m.hitRate(), m.coverage(),
                    m.trainSeconds(), m.params(), m.validationNdcg().isPresent() ? String.format(Locale.ROOT,
                            " (%.4f, best of %d)", m.validationNdcg().getAsDouble(), m.candidates()) : "");
        }
        o.speed().ifPresent(speed -> printSpeed(speed, opt, out));
    }

    private static void printSpeed(SparkComparison.Speed speed, SparkBenchOptions opt, PrintStream out) {
        out.printf(Locale.ROOT, "%nspeed      ALS at %d factors and %d iterations on the whole training split, %d"
                + " trainings each, alternating, after tuning (both JITs warm); medians; CPU = all threads of the"
                + " engine's JVM%n", opt.factors(), opt.iterations(), opt.timingRuns());
        printTiming("grat", speed.grat(), out);
        printTiming("spark", speed.spark(), out);
        speed.sparkDefaultBlocks().ifPresent(m -> printTiming("spark", m, out));
        out.printf(Locale.ROOT, "  Grat's ALS trains %.1fx faster in wall time and %.1fx in CPU time than Spark's%s%n",
                speed.wallRatio(speed.spark()), speed.cpuRatio(speed.spark()), speed.sparkDefaultBlocks()
                        .map(m -> String.format(Locale.ROOT, " (with its default blocks: %.1fx and %.1fx)",
                                speed.wallRatio(m), speed.cpuRatio(m))).orElse(""));
    }

    private static void printTiming(String engine, SparkComparison.Measured m, PrintStream out) {
        out.printf(Locale.ROOT, "  %-6s   wall %7.2f s   CPU %7.2f s   %s%n", engine, m.timing().medianWall(),
                m.timing().medianCpu(), m.params());
    }

    static void printJson(SparkComparison.Outcome o, SparkBenchOptions opt, PrintStream out)
            throws JsonProcessingException {
        for (ModelScore m : o.scores()) {
            out.println(JSON.writeValueAsString(model(m, o, opt)));
        }
        out.println(JSON.writeValueAsString(summary(o, opt)));
    }

    private static Map<String, Object> model(ModelScore m, SparkComparison.Outcome o, SparkBenchOptions opt) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("model", m.model());
        object.put("engine", m.engine());
        object.put("k", m.k());
        object.put("precision", m.precision());
        object.put("recall", m.recall());
        object.put("ndcg", m.ndcg());
        object.put("map", m.map());
        object.put("hitRate", m.hitRate());
        object.put("coverage", m.coverage());
        object.put("trainSeconds", m.trainSeconds());
        object.put("users", m.users());
        object.put("params", m.params());
        m.validationNdcg().ifPresent(v -> object.put("validationNdcg", v));
        object.put("dataset", o.dataset());
        object.put("split", "random per-user holdout");
        object.put("seed", opt.seed());
        return object;
    }

    private static Map<String, Object> summary(SparkComparison.Outcome o, SparkBenchOptions opt) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("comparison", "grat-vs-spark-mllib-als");
        ModelScore bestGrat = o.scores().stream().filter(m -> m.engine().equals("grat"))
                .max(Comparator.comparingDouble(ModelScore::ndcg)).orElseThrow();
        ModelScore spark = o.scores().stream().filter(m -> !m.engine().equals("grat")).findFirst().orElseThrow();
        object.put("bestGratModel", bestGrat.model());
        object.put("bestGratNdcg", bestGrat.ndcg());
        object.put("sparkNdcg", spark.ndcg());
        object.put("sparkVersion", o.spark().sparkVersion());
        object.put("sparkJava", o.spark().javaVersion());
        object.put("sparkMaster", o.spark().master());
        object.put("sparkBlas", o.spark().blas());
        object.put("sparkLapack", o.spark().lapack());
        object.put("sparkBlocks", opt.sparkBlocks());
        object.put("threads", opt.threads());
        object.put("factors", opt.factors());
        object.put("iterations", opt.iterations());
        o.speed().ifPresent(speed -> {
            object.put("gratAls", timing(speed.grat()));
            object.put("sparkAls", timing(speed.spark()));
            object.put("wallSpeedup", speed.wallRatio(speed.spark()));
            object.put("cpuSpeedup", speed.cpuRatio(speed.spark()));
            speed.sparkDefaultBlocks().ifPresent(m -> {
                object.put("sparkAlsDefaultBlocks", timing(m));
                object.put("wallSpeedupOverDefaultBlocks", speed.wallRatio(m));
                object.put("cpuSpeedupOverDefaultBlocks", speed.cpuRatio(m));
            });
        });
        object.put("workDir", o.workDir().toString());
        return object;
    }

    private static Map<String, Object> timing(SparkComparison.Measured m) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("params", m.params());
        object.put("wallSeconds", m.timing().wallSeconds());
        object.put("cpuSeconds", m.timing().cpuSeconds());
        object.put("medianWallSeconds", m.timing().medianWall());
        object.put("medianCpuSeconds", m.timing().medianCpu());
        return object;
    }

    private static String list(java.util.List<Double> values) {
        return values.stream().map(v -> v == Math.rint(v) ? Long.toString(v.longValue()) : v.toString())
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
