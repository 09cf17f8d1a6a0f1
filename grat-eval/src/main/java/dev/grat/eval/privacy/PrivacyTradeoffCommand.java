package dev.grat.eval.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grat.eval.recommend.Metrics;
import dev.grat.eval.recommend.Splitter;

import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code grat privacy-tradeoff}: what each step on the ridge between privacy and personalization costs in
 * recommendation quality, on a public dataset, with the protocol printed with the table.
 */
public final class PrivacyTradeoffCommand {

    /** Why the cross-channel level has no row, in the table and the JSON. */
    static final String CROSS_CHANNEL_NOTE = "cross_channel (identity linked across devices, apps and e-mail) is not"
            + " measured: a single-source dataset holds one id per person and no linked channels, so it equals"
            + " first_party here";

    private static final ObjectMapper JSON = new ObjectMapper();

    private PrivacyTradeoffCommand() {
    }

    /** Runs the comparison; returns 0 when done, 1 when it failed, 2 for bad arguments. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            out.print(TradeoffOptions.USAGE);
            return 0;
        }
        TradeoffOptions options;
        try {
            options = TradeoffOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("grat privacy-tradeoff: " + e.getMessage());
            err.print(TradeoffOptions.USAGE);
            return 2;
        }
        try {
            TradeoffExperiment experiment = TradeoffExperiment.prepare(options);
            PrintStream protocol = options.json() ? err : out;
            printProtocol(experiment, options, protocol);
            long started = System.nanoTime();
            List<LevelResult> results = experiment.run();
            double seconds = (System.nanoTime() - started) / 1e9;
            for (LevelResult result : results) {
                out.println(options.json() ? json(result, experiment, options) : row(result, options));
            }
            if (options.json()) {
                out.println(crossChannelJson(options));
            } else {
                out.printf(Locale.ROOT, "%n%s.%n", CROSS_CHANNEL_NOTE);
            }
            protocol.printf(Locale.ROOT, "time       %.1f s (%d ALS trainings)%n", seconds, options.folds() + 1);
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("grat privacy-tradeoff: " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("grat privacy-tradeoff: failed: " + e);
            return 1;
        }
    }

    private static void printProtocol(TradeoffExperiment e, TradeoffOptions o, PrintStream out) {
        out.printf(Locale.ROOT, "dataset    %s: %d training interactions (%s)%n", e.dataset(), e.trainingInteractions(),
                o.binarize().map(t -> "ratings >= " + t).orElse("every interaction a positive")
                        + (e.weighted() ? ", value used as strength" : ", each counts 1"));
        out.printf(Locale.ROOT, "split      %s%s, seed %d; %d users evaluated, dealt into %d folds%n",
                e.splitter().description(), e.splitter() == Splitter.LEAVE_LAST ? ""
                        : String.format(Locale.ROOT, ", train ratio %.2f", o.trainRatio()), o.seed(),
                e.users().size(), o.folds());
        out.printf(Locale.ROOT, "models     ALS %s; each fold's users are recommended to by a model trained without"
                + " them (session, first_party) and by one trained with everybody (full), always through fold-in"
                + " from their interactions, as the engine does in the request path%n", e.alsParams().describe());
        out.printf(Locale.ROOT, "session    the last %d interactions of the visitor's last session (a session ends"
                + " after %d minutes without activity)%n", o.sessionLength(), o.sessionGap() / 60);
        out.printf(Locale.ROOT, "protocol   top %d of every training item, without the items the level knows the"
                + " visitor has seen; held-out items of each evaluated user are relevant; metrics averaged over"
                + " users; a visitor none of whose items the model knows gets the context list%n%n", o.k());
        if (!o.json()) {
            out.printf(Locale.ROOT, "%-12s %8s %8s %8s %8s %8s %9s %6s %8s  %s%n", "level", "NDCG@" + o.k(),
                    "R@" + o.k(), "HR@" + o.k(), "P@" + o.k(), "MAP@" + o.k(), "coverage", "users", "history",
                    "data used");
        }
    }

    private static String row(LevelResult r, TradeoffOptions o) {
        Metrics m = r.metrics();
        return String.format(Locale.ROOT, "%-12s %8.4f %8.4f %8.4f %8.4f %8.4f %9.4f %6d %8.1f  %s", r.level().wireName(),
                m.ndcg(), m.recall(), m.hitRate(), m.precision(), m.map(), m.coverage(), m.users(), r.meanHistory(),
                r.level().dataUsed(o.sessionLength()));
    }

    static String json(LevelResult r, TradeoffExperiment e, TradeoffOptions o) throws JsonProcessingException {
        Metrics m = r.metrics();
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("level", r.level().wireName());
        object.put("k", m.k());
        object.put("ndcg", m.ndcg());
        object.put("recall", m.recall());
        object.put("hitRate", m.hitRate());
        object.put("precision", m.precision());
        object.put("map", m.map());
        object.put("coverage", m.coverage());
        object.put("users", m.users());
        object.put("meanHistory", r.meanHistory());
        object.put("fallbacks", r.fallbacks());
        object.put("dataUsed", r.level().dataUsed(o.sessionLength()));
        object.put("dataset", e.dataset());
        object.put("split", e.splitter().description());
        object.put("seed", o.seed());
        object.put("folds", o.folds());
        object.put("sessionLength", o.sessionLength());
        return JSON.writeValueAsString(object);
    }

    private static String crossChannelJson(TradeoffOptions o) throws JsonProcessingException {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("level", "cross_channel");
        object.put("k", o.k());
        object.put("measured", false);
        object.put("note", CROSS_CHANNEL_NOTE);
        return JSON.writeValueAsString(object);
    }
}
