package dev.grat.bench;

import dev.grat.Grat;
import dev.grat.catalog.Item;
import dev.grat.server.config.ApiKey;
import dev.grat.store.Store;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;
import java.util.stream.IntStream;

/**
 * {@code ./grat bench load}: a constant-rate load generator ({@link ConstantRate}, wrk2-style, HdrHistogram) against
 * real servers on free ports: one node over the embedded store or PostgreSQL, or ({@code --nodes 2}) two nodes in
 * cluster mode on PostgreSQL and a Kafka broker in this JVM, the generator alternating every stream's requests
 * between them. It sends {@code --rate} events a second in batches, and meanwhile asks for recommendations (and,
 * with {@code --decisions-rate}, decisions) at their own constant rates; it reports the durable events a second that
 * were acknowledged, every latency from the intended send time and, in cluster mode, how long each node took to
 * apply the other's changes. Events are product views of Zipf-popular items by the workload's visitors, 70% of
 * whom consent. At the end it checks that every acknowledged event is stored exactly once ({@link DeliveryCheck}).
 * The generator ({@link LoadGenerator}) runs in a child JVM of its own by default ({@link GeneratorProcess}), so that
 * the nodes' garbage collector does not collect its garbage too; this JVM keeps the store, the nodes, the set-up and
 * the check.
 */
final class LoadBench {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private LoadBench() {
    }

    /**
     * Runs the load; returns whether every acknowledged event was stored, and none twice. The child generator's
     * output goes to {@code out} and {@code err}; throws {@link GeneratorProcess.Failed} when it fails.
     */
    static boolean run(LoadOptions options, PrintStream out, PrintStream err) {
        Workload workload = new Workload(options.items(), options.visitors(), options.seed());
        String key = ApiKey.generate("sk_bench_", new SecureRandom());
        String run = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
        DeliveryCheck delivery;
        try (LoadTarget target = LoadTarget.open(options, out)) {
            try (LoadNodes nodes = LoadNodes.start(target, options.nodes(), key)) {
                setUp(nodes.first().grat(), workload, out);
                nodes.awaitSetUp(out, PATIENCE);
                if (options.decisionsRate() > 0) {
                    configureSlot(nodes.uris(), key);
                }
                out.println("load: " + Machine.load() + " at the start");
                delivery = options.generator() == LoadOptions.Generator.PROCESS
                        ? GeneratorProcess.run(nodes.uris(), key, run, options, out, err)
                        : LoadGenerator.run(workload, nodes.uris(), key, run, options, out);
                nodes.awaitOutboxEmpty(out, PATIENCE);
                nodes.printPropagation(out);
                out.println("load: " + Machine.load() + " at the end; " + nodes.first().grat().stats());
            }
            return check(target, delivery, workload, LoadGenerator.batches(run, workload, options), out);
        }
    }

    /** After the nodes stopped: the store, opened afresh, against what was acknowledged. */
    private static boolean check(LoadTarget target, DeliveryCheck delivery, Workload workload,
                                 LongFunction<LoadBatch> batches, PrintStream out) {
        long start = System.nanoTime();
        try (Store store = target.openStore()) {
            DeliveryCheck.Outcome outcome = delivery.against(store.events(), batches, workload);
            out.printf(Locale.ROOT, "RESULT load delivery (%,d acknowledged requests, checked in %.1f s): %s%n",
                    delivery.acknowledgedRequests(), BenchEngine.seconds(start), outcome.describe());
            return outcome.intact();
        }
    }

    /** The decision slot, on every node (decisions alternate between them too). */
    private static void configureSlot(List<URI> nodes, String key) {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            LoadGenerator.Api api = new LoadGenerator.Api(client, nodes, key);
            for (int node = 0; node < nodes.size(); node++) {
                api.send(node, "PUT", "/v1/slots/" + LoadGenerator.SLOT + "/policy",
                        "{\"policy\": \"linucb\"}".getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void setUp(Grat grat, Workload workload, PrintStream out) {
        long start = System.nanoTime();
        List<Item> items = workload.catalog();
        for (int from = 0; from < items.size(); from += 1000) {
            grat.putItems(items.subList(from, Math.min(items.size(), from + 1000)));
        }
        int[] consenting = IntStream.range(0, workload.visitors()).filter(workload::consents).toArray();
        IntStream.range(0, 8).parallel().forEach(part -> {
            for (int i = part; i < consenting.length; i += 8) {
                grat.setConsent(Workload.visitorId(consenting[i]), Workload.CONSENT);
            }
        });
        out.printf(Locale.ROOT, "setup: %,d items, consent of %,d of %,d visitors in %.1f s%n", items.size(),
                consenting.length, workload.visitors(), BenchEngine.seconds(start));
    }
}
