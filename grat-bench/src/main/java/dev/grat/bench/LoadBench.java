package dev.grat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grat.Grat;
import dev.grat.catalog.Item;
import dev.grat.server.config.ApiKey;
import dev.grat.store.Store;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
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
 */
final class LoadBench {

    private static final String SLOT = "load-offers";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private LoadBench() {
    }

    /** Runs the load; returns whether every acknowledged event was stored, and none twice. */
    static boolean run(LoadOptions options, PrintStream out) {
        Workload workload = new Workload(options.items(), options.visitors(), options.seed());
        String key = ApiKey.generate("sk_bench_", new SecureRandom());
        String run = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
        ZipfSampler items = new ZipfSampler(workload.catalog().size(), 1.0);
        LongFunction<LoadBatch> batches = index -> LoadBatch.of(run, index, options.batch(), workload, items,
                options.seed());
        DeliveryCheck delivery = new DeliveryCheck();
        try (LoadTarget target = LoadTarget.open(options, out)) {
            try (LoadNodes nodes = LoadNodes.start(target, options.nodes(), key);
                 HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                setUp(nodes.first().grat(), workload, out);
                nodes.awaitSetUp(out, PATIENCE);
                Api api = new Api(client, nodes.uris(), key);
                if (options.decisionsRate() > 0) {
                    configureSlot(api);
                }
                out.println("load: " + Machine.load() + " at the start");
                Results results = drive(api, workload, options, batches, delivery, out);
                results.print(options, out);
                nodes.awaitOutboxEmpty(out, PATIENCE);
                nodes.printPropagation(out);
                out.println("load: " + Machine.load() + " at the end; " + nodes.first().grat().stats());
            }
            return check(target, delivery, workload, batches, out);
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
    private static void configureSlot(Api api) {
        try {
            for (int node = 0; node < api.bases().size(); node++) {
                api.send(node, "PUT", "/v1/slots/" + SLOT + "/policy", "{\"policy\": \"linucb\"}".getBytes(
                        StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
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

    private record Results(ConstantRate.Outcome ingest, ConstantRate.Outcome recommend,
                           ConstantRate.Outcome decide) {

        void print(LoadOptions options, PrintStream out) {
            out.printf(Locale.ROOT, "RESULT load ingest (%s): %,.0f durable events/s sustained (target %,d), %,d"
                            + " requests of %d events, %d failed; latency from intended send: %s%n",
                    options.nodes() == 1 ? "1 node" : options.nodes() + " nodes, alternating", ingest.unitsPerSecond(),
                    options.rate(), ingest.sent(), options.batch(), ingest.failed(), ingest.describeLatency());
            if (recommend != null) {
                out.printf(Locale.ROOT, "RESULT load recommend while ingesting: %,.0f/s, %d failed; %s%n",
                        recommend.unitsPerSecond(), recommend.failed(), recommend.describeLatency());
            }
            if (decide != null) {
                out.printf(Locale.ROOT, "RESULT load decisions while ingesting: %,.0f/s (target %d), %d failed; %s%n",
                        decide.unitsPerSecond(), options.decisionsRate(), decide.failed(), decide.describeLatency());
            }
            for (ConstantRate.Outcome outcome : new ConstantRate.Outcome[] {ingest, recommend, decide}) {
                if (outcome != null && outcome.firstError() != null) {
                    out.println("first failure: " + outcome.firstError());
                }
            }
        }
    }

    /**
     * The warm-up, then the measured seconds; the warm-up's batches come first in the numbering of batches, so that
     * the delivery check covers them too.
     */
    private static Results drive(Api api, Workload workload, LoadOptions options, LongFunction<LoadBatch> batches,
                                 DeliveryCheck delivery, PrintStream out) {
        long firstBatch = 0;
        if (options.warmup() > 0) {
            Results warmup = streams(api, workload, options, batches, delivery, Duration.ofSeconds(options.warmup()),
                    0);
            firstBatch = warmup.ingest().sent();
            out.printf(Locale.ROOT, "load: warm-up of %d s done (%,d requests of events, latencies not counted), %s%n",
                    options.warmup(), firstBatch, Machine.load());
        }
        return streams(api, workload, options, batches, delivery, Duration.ofSeconds(options.seconds()), firstBatch);
    }

    /**
     * The three streams at once for {@code duration}, each at its own constant rate, request i of each going to node
     * i mod n; the batches of events are numbered from {@code firstBatch}.
     */
    private static Results streams(Api api, Workload workload, LoadOptions options, LongFunction<LoadBatch> batches,
                                   DeliveryCheck delivery, Duration duration, long firstBatch) {
        RecommendBench.VisitorPool visitors = RecommendBench.VisitorPool.of(workload);
        AtomicReference<ConstantRate.Outcome> recommend = new AtomicReference<>();
        AtomicReference<ConstantRate.Outcome> decide = new AtomicReference<>();
        Thread recommender = Thread.ofPlatform().start(() -> {
            if (options.recommendRate() > 0) {
                recommend.set(ConstantRate.run(options.recommendRate(), duration, 8, i -> {
                    api.send(i, "GET", "/v1/recommendations?slot=home&n=10&visitorId="
                            + visitors.any(new SplittableRandom(options.seed() * 7919 + i)), null);
                    return 1;
                }));
            }
        });
        Thread decider = Thread.ofPlatform().start(() -> {
            if (options.decisionsRate() > 0) {
                byte[] candidates = candidates(workload, options.seed());
                decide.set(ConstantRate.run(options.decisionsRate(), duration, 16, i -> {
                    api.send(i, "POST", "/v1/decisions", decision(visitors.any(new SplittableRandom(i * 31 + 5)),
                            candidates));
                    return 1;
                }));
            }
        });
        double requestsPerSecond = (double) options.rate() / options.batch();
        ConstantRate.Outcome ingest = ConstantRate.run(requestsPerSecond, duration, options.connections(), n -> {
            long i = firstBatch + n;
            // A second in the past: the server refuses events from the future, and the clocks are the same here.
            Instant at = Instant.now().minus(1, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.MILLIS);
            JsonNode answer = MAPPER.readTree(api.send(i, "POST", "/v1/events",
                    batches.apply(i).json(workload, at)));
            if (!answer.path("rejected").isEmpty()) {
                throw new IllegalStateException("rejected: " + answer.get("rejected").get(0));
            }
            delivery.acknowledged(i);
            return answer.path("accepted").asLong();
        });
        join(recommender);
        join(decider);
        return new Results(ingest, recommend.get(), decide.get());
    }

    private static byte[] candidates(Workload workload, long seed) {
        try {
            return MAPPER.writeValueAsBytes(DecisionCandidates.generate(workload.catalog(), 20, 20, seed)
                    .toJson(MAPPER));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decision(String visitorId, byte[] candidates) {
        return ("{\"visitorId\": \"" + visitorId + "\", \"slot\": \"" + SLOT + "\", \"context\": {\"channel\":"
                + " \"web\"}, \"candidates\": " + new String(candidates, StandardCharsets.UTF_8) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The nodes' base URIs and the key; every call must answer 200. */
    private record Api(HttpClient client, List<URI> bases, String key) {

        /** Sends request {@code index} of a stream to node {@code index} mod the number of nodes. */
        String send(long index, String method, String pathAndQuery, byte[] json)
                throws IOException, InterruptedException {
            URI base = bases.get((int) (index % bases.size()));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + key);
            if (json == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(json));
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + URI.create(pathAndQuery).getPath() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body();
        }
    }
}
