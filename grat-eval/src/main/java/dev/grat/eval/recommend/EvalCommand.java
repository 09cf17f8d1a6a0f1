package dev.grat.eval.recommend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code grat eval}: offline evaluation of Grat's recommenders on public data with a protocol that is printed
 * with the results: split, positives, full ranking with seen items removed, validation-only tuning, seeds.
 */
public final class EvalCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EvalCommand() {
    }

    /** Runs an evaluation; returns 0 when done, 1 when it failed, 2 for bad arguments. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            out.print(EvalOptions.USAGE);
            return 0;
        }
        EvalOptions options;
        try {
            options = EvalOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("grat eval: " + e.getMessage());
            err.print(EvalOptions.USAGE);
            return 2;
        }
        try {
            Experiment experiment = Experiment.prepare(options);
            PrintStream protocolOut = options.json() ? err : out;
            printProtocol(experiment, options, protocolOut);
            Tuner tuner = new Tuner(experiment, options, err);
            for (ModelFamily family : options.models()) {
                Result result = tuner.run(family);
                if (options.json()) {
                    out.println(json(result, experiment, options));
                } else {
                    printRow(result, out);
                }
                out.flush();
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("grat eval: " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("grat eval: failed: " + e);
            return 1;
        }
    }

    private static void printProtocol(Experiment e, EvalOptions o, PrintStream out) {
        TestSet test = e.test();
        long heldOut = test.relevant().values().stream().mapToLong(java.util.Set::size).sum();
        out.printf(Locale.ROOT, "dataset    %s: %d interactions used%n", e.dataset(), e.interactions());
        out.printf(Locale.ROOT, "positives  %s%n", e.positives());
        out.printf(Locale.ROOT, "split      %s%s, seed %d%n", e.splitter().description(),
                e.splitter() == Splitter.LEAVE_LAST ? "" : String.format(Locale.ROOT, ", train ratio %.2f", o.trainRatio()),
                o.seed());
        out.printf(Locale.ROOT, "train      %d users x %d items, %d interactions%n", e.train().userCount(),
                e.train().itemCount(), e.train().nonZeros());
        out.printf(Locale.ROOT, "test       %d users evaluated, %d held-out items; %d cold users and %d held-out"
                + " repeats of training pairs left out%n", test.users(), heldOut, test.coldUsers(), test.repeatsDropped());
        out.printf(Locale.ROOT, "protocol   full ranking of all %d training items per user, the user's training items"
                + " removed; metrics at k=%d averaged over users; binary relevance; NDCG log2 discount; MAP over"
                + " min(held-out, k); no sampled negatives%n", e.train().itemCount(), o.k());
        out.printf(Locale.ROOT, "tuning     %s%n", o.tune() ? "grid search on a validation split carved from the"
                + " training split only (" + e.splitter().description() + ", seed " + e.validationSeed()
                + "), best NDCG@" + o.k() + "; the chosen setting is retrained on the whole training split"
                : "off (default hyperparameters)");
        out.printf(Locale.ROOT, "threads    %d for training; scoring on one thread%n%n", o.threads());
        if (!o.json()) {
            out.printf(Locale.ROOT, "%-11s %8s %8s %8s %8s %8s %8s %9s %10s  %s%n", "model", "P@" + o.k(),
                    "R@" + o.k(), "NDCG@" + o.k(), "MAP@" + o.k(), "HR@" + o.k(), "coverage", "train s",
                    "ms/user", "params (validation NDCG)");
        }
    }

    private static void printRow(Result r, PrintStream out) {
        Metrics m = r.metrics();
        String validation = r.validationNdcg().isPresent()
                ? String.format(Locale.ROOT, " (%.4f, best of %d)", r.validationNdcg().getAsDouble(), r.candidates()) : "";
        out.printf(Locale.ROOT, "%-11s %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %9.2f %10.3f  %s%s%n", r.model(),
                m.precision(), m.recall(), m.ndcg(), m.map(), m.hitRate(), m.coverage(), r.trainSeconds(),
                m.users() == 0 ? 0 : m.scoreSeconds() * 1000 / m.users(), r.params(), validation);
    }

    static String json(Result r, Experiment e, EvalOptions o) throws JsonProcessingException {
        Metrics m = r.metrics();
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("model", r.model());
        object.put("k", m.k());
        object.put("precision", m.precision());
        object.put("recall", m.recall());
        object.put("ndcg", m.ndcg());
        object.put("map", m.map());
        object.put("hitRate", m.hitRate());
        object.put("coverage", m.coverage());
        object.put("trainSeconds", r.trainSeconds());
        object.put("scoreSeconds", m.scoreSeconds());
        object.put("users", m.users());
        object.put("params", r.params());
        r.validationNdcg().ifPresent(v -> object.put("validationNdcg", v));
        object.put("dataset", e.dataset());
        object.put("split", e.splitter().description());
        object.put("seed", o.seed());
        return JSON.writeValueAsString(object);
    }
}
