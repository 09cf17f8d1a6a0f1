package dev.grat.bench;

import dev.grat.Grat;
import dev.grat.recommend.RecommendationRequest;
import dev.grat.recommend.Recommendations;

import java.io.PrintStream;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Recommendation latency in-process, from one thread, after the whole workload's history is loaded: a
 * consenting visitor's home page, a product page ("viewed together"), and the home page of a visitor without
 * consent (the non-personalized fallback).
 */
final class RecommendBench {

    private static final int COUNT = 10;
    /** The strategy of a personal list that the learned model contributed to. */
    static final String LEARNED_STRATEGY = "personal-als-blend";

    private RecommendBench() {
    }

    static void run(BenchOptions options, PrintStream out) {
        Workload workload = new Workload(options.items(), options.visitors(), options.seed());
        try (BenchEngine engine = BenchEngine.open(workload, options.synchronous(), options.threads(), out)) {
            ParallelDriver.Outcome history = engine.track(IngestBench.generate(workload, options, out),
                    options.threads(), options.maxTime());
            out.println("setup: history " + history.describe());
            if (options.trainModel()) {
                engine.trainModel(out);
            }
            Grat grat = engine.grat();
            VisitorPool visitors = VisitorPool.of(workload);
            ZipfSampler items = new ZipfSampler(workload.catalog().size(), 1.0);
            measure("home, consenting visitor", options, out, random ->
                    grat.recommend(RecommendationRequest.home(visitors.consenting(random), COUNT)));
            measure("product page, consenting visitor", options, out, random ->
                    grat.recommend(RecommendationRequest.product(visitors.consenting(random),
                            workload.itemAtRank(items.next(random)), COUNT)));
            measure("home, visitor without consent", options, out, random ->
                    grat.recommend(RecommendationRequest.home(visitors.refusing(random), COUNT)));
        }
    }

    private static void measure(String scenario, BenchOptions options, PrintStream out,
                                Function<SplittableRandom, Recommendations> request) {
        SplittableRandom random = new SplittableRandom(options.seed());
        long deadline = System.nanoTime() + options.maxTime().toNanos();
        int warmUp = options.requests();
        int personalized = 0;
        int learned = 0;
        for (int i = 0; i < warmUp && System.nanoTime() < deadline; i++) {
            request.apply(random);
        }
        Latencies latencies = new Latencies(options.requests());
        for (int i = 0; i < options.requests() && System.nanoTime() < deadline; i++) {
            long start = System.nanoTime();
            Recommendations picks = request.apply(random);
            latencies.record(System.nanoTime() - start);
            personalized += picks.personalized() ? 1 : 0;
            learned += picks.strategy().equals(LEARNED_STRATEGY) ? 1 : 0;
        }
        out.printf(Locale.ROOT, "RESULT recommend (in-process) %s: %s, %d%% personalized%s%n", scenario,
                latencies.describe(), Math.round(100.0 * personalized / latencies.count()),
                options.trainModel() ? learnedShare(learned, latencies.count()) : "");
    }

    /** {@code , 87% personal-als-blend}: the share of answers that used the learned model. */
    static String learnedShare(int learned, int answers) {
        return String.format(Locale.ROOT, ", %d%% %s", Math.round(100.0 * learned / answers), LEARNED_STRATEGY);
    }

    /** The workload's visitors split by their consent answer, to draw from. */
    record VisitorPool(int[] consenting, int[] refusing) {

        static VisitorPool of(Workload workload) {
            return new VisitorPool(
                    IntStream.range(0, workload.visitors()).filter(workload::consents).toArray(),
                    IntStream.range(0, workload.visitors()).filter(v -> !workload.consents(v)).toArray());
        }

        String consenting(SplittableRandom random) {
            return pick(consenting, random);
        }

        String refusing(SplittableRandom random) {
            return pick(refusing, random);
        }

        /** Any visitor of the workload, consenting or not. */
        String any(SplittableRandom random) {
            int total = consenting.length + refusing.length;
            int index = random.nextInt(total);
            return index < consenting.length ? pick(consenting, random) : pick(refusing, random);
        }

        /** A tiny workload may have nobody in a group: then a visitor Grat never saw stands in. */
        private static String pick(int[] visitors, SplittableRandom random) {
            return visitors.length == 0 ? "bv-unseen" : Workload.visitorId(visitors[random.nextInt(visitors.length)]);
        }
    }
}
