package dev.grat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;

/**
 * The generator side of {@code ./grat bench load}: the warm-up, then the three constant-rate streams (events,
 * recommendations, decisions) against the nodes, and their RESULT lines. It runs in a child JVM of its own
 * ({@link LoadGeneratorMain}, the default) or in the nodes' JVM ({@code --generator in-process}). Everything it sends
 * is rebuilt from the workload's seed and the run id, so the parent can check the events of the acknowledged
 * requests from their indices alone.
 */
final class LoadGenerator {

    /** The decision slot the parent configures on every node. */
    static final String SLOT = "load-offers";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LoadGenerator() {
    }

    /** The batches of events of run {@code run}, numbered from 0: the same arguments give the same events. */
    static LongFunction<LoadBatch> batches(String run, Workload workload, LoadOptions options) {
        ZipfSampler items = new ZipfSampler(workload.catalog().size(), 1.0);
        return index -> LoadBatch.of(run, index, options.batch(), workload, items, options.seed());
    }

    /**
     * Drives the load against {@code nodes}, request i of each stream to node i mod their number; prints the RESULT
     * lines of the streams and returns which event requests were acknowledged.
     */
    static DeliveryCheck run(Workload workload, List<URI> nodes, String key, String run, LoadOptions options,
                             PrintStream out) {
        DeliveryCheck delivery = new DeliveryCheck();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            Api api = new Api(client, nodes, key);
            api.probe();
            Results results = drive(api, workload, options, batches(run, workload, options), delivery, out);
            results.print(options, nodes.size(), out);
        }
        return delivery;
    }

    private record Results(ConstantRate.Outcome ingest, ConstantRate.Outcome recommend,
                           ConstantRate.Outcome decide) {

        void print(LoadOptions options, int nodes, PrintStream out) {
            out.printf(Locale.ROOT, "RESULT load ingest (%s): %,.0f durable events/s sustained (target %,d), %,d"
                            + " requests of %d events, %d failed; latency from intended send: %s%n",
                    nodes == 1 ? "1 node" : nodes + " nodes, alternating", ingest.unitsPerSecond(),
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
    record Api(HttpClient client, List<URI> bases, String key) {

        /**
         * Fails at once when a node does not answer at all: otherwise every request would fail on its own and the
         * run would end with nothing sent, as if the nodes had refused it all.
         */
        void probe() {
            for (URI base : bases) {
                try {
                    client.send(HttpRequest.newBuilder(URI.create(base + "/health")).timeout(Duration.ofSeconds(30))
                            .build(), HttpResponse.BodyHandlers.discarding());
                } catch (IOException e) {
                    throw new IllegalStateException("node " + base + " does not answer: " + e, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }

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
