package dev.grat.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmark command, run as {@code ./grat bench COMMAND [flags]}:
 *
 * <pre>
 * ./grat bench ingest     durable ingestion in-process (SQLite store in a temp dir, batches from several threads)
 * ./grat bench recommend  recommendation latency in-process after the history is loaded
 * ./grat bench http       ingestion and recommendation latency over HTTP against an in-process server
 * ./grat bench decisions  decision latency over HTTP (LinUCB, 50 candidates of 100 features, durable log)
 * ./grat bench all        ingest, recommend and http, one after another
 * ./grat bench load       constant-rate load over HTTP (--rate --seconds --store --nodes --decisions-rate ...;
 *                         LoadOptions), checking afterwards that every acknowledged event is stored once; the
 *                         generator runs in a child JVM (LoadGeneratorMain, internal) unless --generator in-process
 * ./grat bench jmh [JMH arguments]   the JMH micro-benchmarks (dev.grat.bench.jmh)
 * </pre>
 *
 * Flags: {@code --items --visitors --batch --threads --concurrency --requests --max-seconds --synchronous
 * --seed --quick --train-model}; see {@link BenchOptions} and docs/BENCHMARKS.md.
 */
public final class BenchMain {

    /** The commands that measure recommendations, and so can use a learned model. */
    private static final List<String> TRAINS_MODEL = List.of("recommend", "http", "all");

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("jmh")) {
            org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        int status = run(List.of(args), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** {@code load}: the constant-rate load generator, with its own flags ({@link LoadOptions}). */
    private static int load(List<String> args, PrintStream out, PrintStream err) {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("grat bench load: " + e.getMessage());
            return 2;
        }
        out.println("grat bench load");
        out.println("  " + options.describe());
        out.println("  " + Machine.describe());
        // 1 when an acknowledged event was lost or stored twice, or the generator failed: no numbers count then.
        try {
            return LoadBench.run(options, out, err) ? 0 : 1;
        } catch (GeneratorProcess.Failed e) {
            err.println("grat bench load: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Runs a benchmark command; returns the exit status (0 done, 1 load lost or doubled events or its generator
     * failed, 2 bad usage).
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.getFirst().equals("help") || args.getFirst().equals("--help")) {
            out.print(usage());
            return args.isEmpty() ? 2 : 0;
        }
        String command = args.getFirst();
        if (command.equals("load")) {
            return load(args.subList(1, args.size()), out, err);
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args.subList(1, args.size()));
        } catch (IllegalArgumentException e) {
            err.println("grat bench: " + e.getMessage());
            return 2;
        }
        if (options.trainModel() && !TRAINS_MODEL.contains(command)) {
            err.println("grat bench: --train-model applies to recommend, http and all, not to " + command);
            return 2;
        }
        Runnable benchmark = switch (command) {
            case "ingest" -> () -> IngestBench.run(options, out);
            case "recommend" -> () -> RecommendBench.run(options, out);
            case "http" -> () -> HttpBench.run(options, out);
            case "decisions" -> () -> DecisionHttpBench.run(options, out);
            case "all" -> () -> {
                IngestBench.run(options, out);
                RecommendBench.run(options, out);
                HttpBench.run(options, out);
            };
            default -> null;
        };
        if (benchmark == null) {
            err.println("grat bench: unknown command \"" + command + "\"");
            err.print(usage());
            return 2;
        }
        out.println("grat bench " + command);
        out.println("  " + options.describe());
        out.println("  " + Machine.describe());
        benchmark.run();
        return 0;
    }

    private static String usage() {
        return """
                usage: ./grat bench COMMAND [flags]
                  ingest      durable ingestion throughput in-process
                  recommend   recommendation latency in-process
                  http        ingestion throughput and recommendation latency over HTTP
                  decisions   decision latency over HTTP (POST /v1/decisions, 50 candidates x 100 features)
                  all         ingest, recommend and http
                  load        constant-rate load over HTTP with latency from the intended send time:
                              --rate N [20000] events/s  --seconds N [30]  --store jdbc:postgresql://...
                              --nodes 1|2 [1] (2: cluster mode on --store, Kafka in this JVM)
                              --decisions-rate N [0]  --recommend-rate N [100]  --batch N [100]
                              --connections N [64]  --items N [10000]  --visitors N [20000]
                              --generator process|in-process [process] (the generator's own JVM, or the nodes')
                  jmh [ARGS]  the JMH micro-benchmarks, e.g. ./grat bench jmh -l
                flags (defaults in brackets):
                  --items N [10000]  --visitors N [100000]  --batch N [200]  --threads N [4]
                  --concurrency N [4]  --requests N [20000]  --max-seconds N [180]
                  --synchronous full|normal [full]  --seed N [1]
                  --quick      a short smoke run (1000 items, 5000 visitors, 2000 requests, 20 s per phase)
                  --train-model  recommend, http: train the learned model (implicit ALS) after loading the
                               history, then measure with it
                """;
    }
}
