package dev.grat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grat.server.config.ApiKey;
import dev.grat.server.config.ServerConfig;
import dev.grat.server.http.GratServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decision latency over HTTP: a real {@link GratServer} in-process on a free port, on the embedded store with
 * its durable decision log (as {@code grat serve} wires it), after the workload's history is loaded so that
 * consenting visitors have profiles. A slot is configured with LinUCB through {@code PUT /v1/slots/{slot}/policy};
 * then {@code POST /v1/decisions} with {@value #CANDIDATES} offers of {@value #FEATURES} features each for random
 * visitors, from one client and from the configured number of concurrent clients. Each answer comes after its
 * decision is committed to the log, so {@code --synchronous} matters here.
 *
 * <p>Those requests all send the same offers, as a shop does while its offers do not change, and the log stores a
 * candidate set once: a last phase, from one client, adds a candidate that differs in every request, so that each
 * decision brings a new set to compress and store (the log's worst case).
 */
final class DecisionHttpBench {

    /** The case: a decision among 50 candidates of 100 features each. */
    static final int CANDIDATES = 50;
    static final int FEATURES = 100;
    private static final String SLOT = "bench-offers";
    private static final String[] DEVICES = {"desktop", "mobile", "tablet"};

    private DecisionHttpBench() {
    }

    static void run(BenchOptions options, PrintStream out) {
        Workload workload = new Workload(options.items(), options.visitors(), options.seed());
        String key = ApiKey.generate("sk_bench_", new SecureRandom());
        try (BenchEngine engine = BenchEngine.openWithStoredDecisions(workload, options.synchronous(),
                options.threads(), out);
             GratServer server = GratServer.start(engine.grat(), ServerConfig.builder().port(0)
                     .secretKey(key).logLevel(ServerConfig.LogLevel.WARN).build());
             HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            ParallelDriver.Outcome history = engine.track(IngestBench.generate(workload, options, out),
                    options.threads(), options.maxTime());
            out.println("setup: history " + history.describe());
            Api api = new Api(client, URI.create("http://127.0.0.1:" + server.port()), key);
            api.configureSlot("{\"policy\": \"linucb\"}");
            Bodies bodies = Bodies.of(DecisionCandidates.generate(workload.catalog(), CANDIDATES, FEATURES,
                    options.seed()), api.mapper());
            out.printf(Locale.ROOT, "setup: slot %s with LinUCB; %d candidates of %d features, %,d bytes per request%n",
                    SLOT, CANDIDATES, FEATURES, bodies.size());
            RecommendBench.VisitorPool visitors = RecommendBench.VisitorPool.of(workload);
            for (int clients : new TreeSet<>(List.of(1, options.concurrency()))) {
                int perClient = options.requests() / clients + 1;
                runClients(api, bodies, visitors, options, clients, Math.max(1, perClient / 5), 0);
                Tally tally = new Tally(CANDIDATES);
                Latencies latencies = runClients(api, bodies, visitors, options, clients, perClient, 1000, tally);
                out.printf(Locale.ROOT, "RESULT decide (HTTP, LinUCB, %d×%d, synchronous %s, %d concurrent client%s):"
                                + " %s; %s%n", CANDIDATES, FEATURES, options.synchronous().name().toLowerCase(Locale.ROOT),
                        clients, clients == 1 ? "" : "s", latencies.describe(), tally.describe(latencies.count()));
            }
            Tally tally = new Tally(CANDIDATES + 1);
            Latencies fresh = runClients(api, bodies.withFreshCandidate(), visitors, options, 1, options.requests(), 2000,
                    tally);
            out.printf(Locale.ROOT, "RESULT decide (HTTP, LinUCB, %d×%d + 1 new candidate per request, synchronous %s,"
                            + " 1 client): %s; %s%n", CANDIDATES, FEATURES,
                    options.synchronous().name().toLowerCase(Locale.ROOT), fresh.describe(), tally.describe(fresh.count()));
        }
    }

    private static Latencies runClients(Api api, Bodies bodies, RecommendBench.VisitorPool visitors,
                                        BenchOptions options, int clientCount, int perClient, int seedOffset) {
        return runClients(api, bodies, visitors, options, clientCount, perClient, seedOffset, new Tally(bodies.candidateCount()));
    }

    /** Each client sends its requests one after another, until done or the phase's time bound. */
    private static Latencies runClients(Api api, Bodies bodies, RecommendBench.VisitorPool visitors,
                                        BenchOptions options, int clientCount, int perClient, int seedOffset,
                                        Tally tally) {
        long deadline = System.nanoTime() + options.maxTime().toNanos();
        List<Future<Latencies>> clients = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(clientCount)) {
            for (int c = 0; c < clientCount; c++) {
                SplittableRandom random = new SplittableRandom(options.seed() * 31 + c + seedOffset);
                clients.add(pool.submit(() -> {
                    Latencies latencies = new Latencies(perClient);
                    for (int i = 0; i < perClient && System.nanoTime() < deadline; i++) {
                        byte[] body = bodies.request(visitors.any(random), DEVICES[random.nextInt(DEVICES.length)]);
                        long start = System.nanoTime();
                        String answer = api.decide(body);
                        latencies.record(System.nanoTime() - start);
                        tally.count(api.mapper().readTree(answer));
                    }
                    return latencies;
                }));
            }
            List<Latencies> all = new ArrayList<>();
            for (Future<Latencies> client : clients) {
                all.add(client.get());
            }
            return Latencies.merge(all);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a client failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Request bodies: the candidates are serialized once, before the clock starts; each request only puts its
     * visitor and device around them, so that the client's cost stays small.
     *
     * @param fresh null, or a counter that makes one extra candidate of every request differ from all before
     */
    private record Bodies(byte[] candidates, AtomicLong fresh) {

        static Bodies of(DecisionCandidates offers, ObjectMapper mapper) {
            try {
                return new Bodies(mapper.writeValueAsBytes(offers.toJson(mapper)), null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Bodies withFreshCandidate() {
            return new Bodies(candidates, new AtomicLong());
        }

        int candidateCount() {
            return fresh == null ? CANDIDATES : CANDIDATES + 1;
        }

        int size() {
            return request(Workload.visitorId(0), DEVICES[0]).length;
        }

        byte[] request(String visitorId, String device) {
            ByteArrayOutputStream body = new ByteArrayOutputStream(candidates.length + 200);
            body.writeBytes(("{\"visitorId\": \"" + visitorId + "\", \"slot\": \"" + SLOT + "\", \"context\": "
                    + "{\"channel\": \"web\", \"deviceClass\": \"" + device + "\"}, \"candidates\": ")
                    .getBytes(StandardCharsets.UTF_8));
            if (fresh == null) {
                body.writeBytes(candidates);
            } else {
                // The array without its closing bracket, then one more candidate whose feature is new every time.
                body.write(candidates, 0, candidates.length - 1);
                body.writeBytes((",{\"id\": \"fresh-offer\", \"features\": {\"nonce\": " + fresh.incrementAndGet()
                        + "}}]").getBytes(StandardCharsets.UTF_8));
            }
            body.write('}');
            return body.toByteArray();
        }
    }

    /** What the answers were: how many used the visitor's profile, how many went to the global holdout. */
    private static final class Tally {
        private final int candidates;
        private final AtomicInteger personalized = new AtomicInteger();
        private final AtomicInteger holdout = new AtomicInteger();

        Tally(int candidates) {
            this.candidates = candidates;
        }

        void count(JsonNode answer) {
            if (!answer.path("chosen").isTextual() || answer.path("ranking").size() != candidates) {
                throw new IllegalStateException("a decision answer without a choice or a full ranking: " + answer);
            }
            personalized.addAndGet(answer.path("personalized").asBoolean() ? 1 : 0);
            holdout.addAndGet(answer.path("policy").asText().equals("holdout") ? 1 : 0);
        }

        String describe(int count) {
            return String.format(Locale.ROOT, "%d%% personalized, %d%% holdout", Math.round(100.0 * personalized.get()
                    / count), Math.round(100.0 * holdout.get() / count));
        }
    }

    /** The two calls the benchmark makes, with the secret key. */
    private record Api(HttpClient client, URI base, String key, ObjectMapper mapper) {

        Api(HttpClient client, URI base, String key) {
            this(client, base, key, new ObjectMapper());
        }

        void configureSlot(String policy) {
            send(HttpRequest.newBuilder(base.resolve("/v1/slots/" + SLOT + "/policy"))
                    .PUT(HttpRequest.BodyPublishers.ofString(policy)));
        }

        String decide(byte[] body) {
            return send(HttpRequest.newBuilder(base.resolve("/v1/decisions"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        }

        private String send(HttpRequest.Builder request) {
            HttpRequest built = request.header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json").build();
            HttpResponse<String> response;
            try {
                response = client.send(built, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(built.method() + " " + built.uri().getPath() + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException(built.method() + " " + built.uri().getPath() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body();
        }
    }
}
