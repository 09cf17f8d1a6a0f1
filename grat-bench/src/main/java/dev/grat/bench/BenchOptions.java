package dev.grat.bench;

import dev.grat.store.sqlite.SqliteOptions.Synchronous;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The settings of one benchmark run, from the command line. {@code --quick} shrinks the defaults for a smoke
 * run; flags given explicitly win over it, wherever they stand.
 *
 * @param items       catalog size (default 10,000)
 * @param visitors    simulated visitors whose events are loaded (default 100,000)
 * @param batchSize   events per {@code track} call or HTTP request (default 200)
 * @param threads     threads (in-process) or concurrent HTTP senders that send batches (default 4)
 * @param concurrency concurrent clients that ask for recommendations during the latency runs (default 4)
 * @param requests    recommendation requests measured per scenario, after as many again for warm-up (default 20,000)
 * @param maxTime     upper bound on each timed phase; a phase that reaches it stops and reports what it did
 *                    (default 180 s)
 * @param synchronous how hard the store syncs each commit (default full: durable against power loss)
 * @param seed        seed of the generated workload (default 1)
 * @param quick       whether {@code --quick} shrank the defaults
 * @param trainModel  {@code --train-model}: train the learned model (implicit ALS) once the history is loaded,
 *                    before the recommendation latency is measured (default off: no learned model)
 */
public record BenchOptions(int items, int visitors, int batchSize, int threads, int concurrency, int requests,
                           Duration maxTime, Synchronous synchronous, long seed, boolean quick,
                           boolean trainModel) {

    public BenchOptions {
        require(items >= 1, "--items must be at least 1, was " + items);
        require(visitors >= 1, "--visitors must be at least 1, was " + visitors);
        require(batchSize >= 1 && batchSize <= 1000, "--batch must be 1 to 1000, was " + batchSize);
        require(threads >= 1, "--threads must be at least 1, was " + threads);
        require(concurrency >= 1, "--concurrency must be at least 1, was " + concurrency);
        require(requests >= 1, "--requests must be at least 1, was " + requests);
        require(!maxTime.isNegative() && !maxTime.isZero(), "--max-seconds must be positive");
    }

    public static BenchOptions defaults() {
        return new BenchOptions(10_000, 100_000, 200, 4, 4, 20_000, Duration.ofSeconds(180), Synchronous.FULL, 1,
                false, false);
    }

    /** A short smoke run: a small shop, few requests, a short time bound. */
    public static BenchOptions quickDefaults() {
        return new BenchOptions(1_000, 5_000, 200, 4, 4, 2_000, Duration.ofSeconds(20), Synchronous.FULL, 1, true, false);
    }

    /** Parses flags such as {@code --items 500 --quick --train-model}. */
    public static BenchOptions parse(List<String> args) {
        BenchOptions options = args.contains("--quick") ? quickDefaults() : defaults();
        List<String> rest = new ArrayList<>(args);
        rest.remove("--quick");
        if (rest.remove("--train-model")) {
            options = options.withTrainModel();
        }
        for (int i = 0; i < rest.size(); i += 2) {
            String flag = rest.get(i);
            if (i + 1 >= rest.size()) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            options = options.with(flag, rest.get(i + 1));
        }
        return options;
    }

    private BenchOptions withTrainModel() {
        return new BenchOptions(items, visitors, batchSize, threads, concurrency, requests, maxTime, synchronous,
                seed, quick, true);
    }

    private BenchOptions with(String flag, String value) {
        return switch (flag) {
            case "--items" -> new BenchOptions(integer(flag, value), visitors, batchSize, threads, concurrency,
                    requests, maxTime, synchronous, seed, quick, trainModel);
            case "--visitors" -> new BenchOptions(items, integer(flag, value), batchSize, threads, concurrency,
                    requests, maxTime, synchronous, seed, quick, trainModel);
            case "--batch" -> new BenchOptions(items, visitors, integer(flag, value), threads, concurrency,
                    requests, maxTime, synchronous, seed, quick, trainModel);
            case "--threads" -> new BenchOptions(items, visitors, batchSize, integer(flag, value), concurrency,
                    requests, maxTime, synchronous, seed, quick, trainModel);
            case "--concurrency" -> new BenchOptions(items, visitors, batchSize, threads, integer(flag, value),
                    requests, maxTime, synchronous, seed, quick, trainModel);
            case "--requests" -> new BenchOptions(items, visitors, batchSize, threads, concurrency,
                    integer(flag, value), maxTime, synchronous, seed, quick, trainModel);
            case "--max-seconds" -> new BenchOptions(items, visitors, batchSize, threads, concurrency, requests,
                    Duration.ofSeconds(integer(flag, value)), synchronous, seed, quick, trainModel);
            case "--synchronous" -> new BenchOptions(items, visitors, batchSize, threads, concurrency, requests,
                    maxTime, synchronous(value), seed, quick, trainModel);
            case "--seed" -> new BenchOptions(items, visitors, batchSize, threads, concurrency, requests, maxTime,
                    synchronous, integer(flag, value), quick, trainModel);
            default -> throw new IllegalArgumentException("unknown flag " + flag + "; see ./grat bench help");
        };
    }

    /** The settings as one line, for the report. */
    public String describe() {
        return String.format(Locale.ROOT, "items %,d · visitors %,d · batch %d · threads %d · concurrency %d"
                        + " · requests %,d · synchronous %s · max %d s per phase%s%s", items, visitors, batchSize,
                threads, concurrency, requests, synchronous.name().toLowerCase(Locale.ROOT), maxTime.toSeconds(),
                trainModel ? " · learned model (ALS) trained" : "",
                quick ? " · QUICK (smoke run, numbers not meaningful)" : "");
    }

    private static int integer(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a whole number, was \"" + value + "\"");
        }
    }

    private static Synchronous synchronous(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "full" -> Synchronous.FULL;
            case "normal" -> Synchronous.NORMAL;
            default -> throw new IllegalArgumentException("--synchronous must be full or normal, was \"" + value + "\"");
        };
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
