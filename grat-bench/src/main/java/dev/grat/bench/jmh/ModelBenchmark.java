package dev.grat.bench.jmh;

import dev.grat.recommend.model.AlsModel;
import dev.grat.recommend.model.AlsParams;
import dev.grat.recommend.model.AlsTrainer;
import dev.grat.recommend.model.Interactions;
import dev.grat.recommend.model.TopK;
import dev.grat.recommend.model.UserHistory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.BitSet;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The learned model in the request path: folding a visitor with 50 interactions into an implicit ALS model,
 * and scoring the whole catalogue for them, with {@code items} items and {@code factors} factors. The model
 * is trained once per trial on a skewed synthetic matrix (one ALS iteration: only its item factors matter).
 * And ALS training itself ({@link #trainAls}) on a matrix of MovieLens latest-small's shape.
 *
 * <p>Run: {@code ./grat bench jmh ModelBenchmark -f 1 -wi 3 -i 5} (the case is the default:
 * 100,000 items, 64 factors; smaller: {@code -p items=10000}); training only:
 * {@code ./grat bench jmh 'ModelBenchmark.trainAls' -f 1 -wi 5 -i 10 -p items=10000}; the request path's 50 picks,
 * full scan against early stop: {@code ./grat bench jmh 'ModelBenchmark.(fullScan|best)Fifty' -f 1 -wi 3 -i 5}.
 * The launcher starts the JVM with {@code --add-modules jdk.incubator.vector}, which JMH's forks inherit, so
 * training runs its Vector API kernels.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ModelBenchmark {

    @Param("100000")
    public int items;

    @Param("64")
    public int factors;

    private AlsModel model;
    private UserHistory history;
    private BitSet seen;
    private Interactions shaped;

    @Setup(Level.Trial)
    public void train() {
        SplittableRandom random = new SplittableRandom(7);
        Interactions.Builder matrix = Interactions.builder().maxValue(10);
        for (int item = 0; item < items; item++) {
            matrix.addItem("i" + item);
        }
        int users = Math.max(2_000, items / 5);
        for (int user = 0; user < users; user++) {
            for (int n = 0; n < 30; n++) {
                matrix.add("u" + user, "i" + skewed(random), 1 + random.nextInt(3));
            }
        }
        model = new AlsTrainer(AlsParams.defaults().withFactors(factors).withIterations(1).withSeed(7))
                .train(matrix.build());
        int[] seen = new int[50];
        float[] weights = new float[50];
        for (int i = 0; i < seen.length; i++) {
            seen[i] = model.items().find("i" + skewed(random));
            weights[i] = 1 + i % 3;
        }
        history = new UserHistory(java.util.Arrays.stream(seen).distinct().toArray(),
                java.util.Arrays.copyOf(weights, (int) java.util.Arrays.stream(seen).distinct().count()));
        this.seen = new BitSet(items);
        for (int i = 0; i < history.size(); i++) {
            this.seen.set(history.item(i));
        }
        shaped = movieLensShaped(random);
    }

    /** 610 users, {@code items} items (9,724 in MovieLens), about 100,000 interactions skewed toward popular items. */
    private Interactions movieLensShaped(SplittableRandom random) {
        Interactions.Builder matrix = Interactions.builder().maxValue(1);
        for (int user = 0; user < 610; user++) {
            int count = 20 + (int) Math.floor(Math.pow(random.nextDouble(), 4) * 600);
            for (int n = 0; n < count; n++) {
                matrix.add("u" + user, "i" + skewed(random), 1);
            }
        }
        return matrix.build();
    }

    private int skewed(SplittableRandom random) {
        return (int) Math.min(items - 1, Math.floor(Math.pow(random.nextDouble(), 3) * items));
    }

    /** Solving the visitor's factors from 50 interactions (the fold-in). */
    @Benchmark
    public float[] foldIn() {
        return model.foldIn(history);
    }

    /**
     * The request path's model step before {@code AlsModel.best}: a score for every item, then the best 50 of them
     * without the visitor's history. Kept as the reference that {@link #bestFifty} is compared with in one run.
     */
    @Benchmark
    public int[] fullScanFifty() {
        return TopK.select(model.scores(history), 50, seen::get);
    }

    /**
     * The request path's model step now ({@code RecommendationService} asks for 50 picks): the same answer as
     * {@link #fullScanFifty}, scanning items by the size of their factors and stopping once none can reach the picks.
     */
    @Benchmark
    public TopK.Picks bestFifty() {
        return model.best(history, 50, seen::get);
    }

    /** Fold-in plus a score for every item of the catalogue. */
    @Benchmark
    public float[] scoreCatalogue() {
        return model.scores(history);
    }

    /** Training ALS as grat eval and the Spark comparison do: 64 factors (or {@code factors}), 15 sweeps, 2 threads. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public AlsModel trainAls() {
        return new AlsTrainer(AlsParams.defaults().withFactors(factors).withThreads(2)).train(shaped);
    }

    /** Fold-in, scores and the top 10 without the visitor's own items: a whole model answer. */
    @Benchmark
    public int[] recommendTop10() {
        return model.recommend(history, 10, i -> false);
    }
}
