package dev.grat.bench.jmh;

import dev.grat.Grat;
import dev.grat.bench.BenchEngine;
import dev.grat.bench.Workload;
import dev.grat.event.Event;
import dev.grat.event.TrackContext;
import dev.grat.recommend.RecommendationRequest;
import dev.grat.recommend.Recommendations;
import dev.grat.store.sqlite.SqliteOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Recommendation latency of the engine in-process, on a real embedded store holding the history of
 * {@code visitors} visitors over {@code items} products.
 *
 * <p>Run: {@code ./grat bench jmh RecommendationBenchmark -f 1 -wi 3 -i 5}
 * (smaller: {@code -p items=1000 -p visitors=5000}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RecommendationBenchmark {

    @Param("10000")
    public int items;

    @Param("20000")
    public int visitors;

    private BenchEngine engine;
    private Grat grat;
    private Workload workload;
    private String[] consenting;
    private String[] refusing;

    /** Each benchmark thread draws its own visitors. */
    @State(Scope.Thread)
    public static class Draw {
        final SplittableRandom random = new SplittableRandom(42);
    }

    @Setup(Level.Trial)
    public void load() {
        workload = new Workload(items, visitors, 1);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        // Reads do not depend on how hard commits were synced; NORMAL only makes the set-up faster.
        engine = BenchEngine.open(workload, SqliteOptions.Synchronous.NORMAL, 4, quiet);
        grat = engine.grat();
        for (List<Event> batch : workload.batches(1000, Instant.now())) {
            grat.track(batch, TrackContext.none());
        }
        consenting = IntStream.range(0, visitors).filter(workload::consents).mapToObj(Workload::visitorId)
                .toArray(String[]::new);
        refusing = IntStream.range(0, visitors).filter(v -> !workload.consents(v)).mapToObj(Workload::visitorId)
                .toArray(String[]::new);
    }

    @TearDown(Level.Trial)
    public void close() {
        engine.close();
    }

    /** The home page of a visitor with a profile: personal affinity ranking. */
    @Benchmark
    public Recommendations homeForKnownVisitor(Draw draw) {
        return grat.recommend(RecommendationRequest.home(pick(consenting, draw), 10));
    }

    /** A product page: viewed together with the product, for a visitor with a profile. */
    @Benchmark
    public Recommendations productPage(Draw draw) {
        String item = workload.itemAtRank(draw.random.nextInt(Math.min(items, 500)));
        return grat.recommend(RecommendationRequest.product(pick(consenting, draw), item, 10));
    }

    /** The home page of a visitor without consent: the non-personalized fallback. */
    @Benchmark
    public Recommendations homeWithoutConsent(Draw draw) {
        return grat.recommend(RecommendationRequest.home(pick(refusing, draw), 10));
    }

    private static String pick(String[] visitors, Draw draw) {
        return visitors.length == 0 ? "bv-unseen" : visitors[draw.random.nextInt(visitors.length)];
    }
}
