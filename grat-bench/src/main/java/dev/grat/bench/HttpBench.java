package dev.grat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grat.event.Event;
import dev.grat.server.config.ApiKey;
import dev.grat.server.config.ServerConfig;
import dev.grat.server.http.GratServer;
import dev.grat.server.json.WireFormat;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

/**
 * The same workload over HTTP against a real {@link GratServer} started in-process on a free port: first
 * durable ingestion ({@code POST /v1/events} from several concurrent senders, each batch acknowledged only
 * once committed), then the latency of {@code GET /v1/recommendations} for random visitors at a fixed
 * concurrency. Client and server share the machine's cores, so the numbers include the client's cost.
 */
final class HttpBench {

    private static final String RECOMMENDATIONS = "/v1/recommendations?slot=home&n=10&visitorId=";

    private HttpBench() {
    }

    static void run(BenchOptions options, PrintStream out) {
        Workload workload = new Workload(options.items(), options.visitors(), options.seed());
        String key = ApiKey.generate("sk_bench_", new SecureRandom());
        try (BenchEngine engine = BenchEngine.open(workload, options.synchronous(), options.threads(), out);
             GratServer server = GratServer.start(engine.grat(), ServerConfig.builder().port(0)
                     .secretKey(key).maxBatchSize(1000).logLevel(ServerConfig.LogLevel.WARN).build());
             HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            Api api = new Api(client, URI.create("http://127.0.0.1:" + server.port()), key);
            List<byte[]> bodies = bodies(IngestBench.generate(workload, options, out));
            ParallelDriver.Outcome outcome = ParallelDriver.run(bodies.size(), options.threads(), options.maxTime(),
                    index -> api.postEvents(bodies.get(index)));
            out.println("ingest over HTTP: " + outcome.describe());
            out.printf(Locale.ROOT, "RESULT ingest (HTTP): %,.0f durable events/s with %d concurrent senders,"
                    + " batches of %d%n", outcome.eventsPerSecond(), options.threads(), options.batchSize());
            if (options.trainModel()) {
                engine.trainModel(out);
            }
            measureRecommendations(api, RecommendBench.VisitorPool.of(workload), options, out);
        }
    }

    /** At one client (pure latency) and at the configured concurrency (latency under load). */
    private static void measureRecommendations(Api api, RecommendBench.VisitorPool visitors, BenchOptions options,
                                               PrintStream out) {
        for (int clients : new TreeSet<>(List.of(1, options.concurrency()))) {
            int perClient = options.requests() / clients + 1;
            runClients(api, visitors, options, clients, perClient, false);
            ClientRun run = runClients(api, visitors, options, clients, perClient, true);
            int answers = run.latencies().count();
            out.printf(Locale.ROOT, "RESULT recommend (HTTP, home, random visitors, %d concurrent client%s): %s,"
                            + " %d%% personalized%s%n", clients, clients == 1 ? "" : "s", run.latencies().describe(),
                    Math.round(100.0 * run.personalized() / answers),
                    options.trainModel() ? RecommendBench.learnedShare(run.learned(), answers) : "");
        }
    }

    /**
     * What the clients saw: every response time, and how many answers were personalized and how many of those
     * used the learned model.
     */
    private record ClientRun(Latencies latencies, int personalized, int learned) {

        static ClientRun merge(List<ClientRun> runs) {
            return new ClientRun(Latencies.merge(runs.stream().map(ClientRun::latencies).toList()),
                    runs.stream().mapToInt(ClientRun::personalized).sum(),
                    runs.stream().mapToInt(ClientRun::learned).sum());
        }
    }

    /** Each client sends its requests one after another; returns every client's outcome together. */
    private static ClientRun runClients(Api api, RecommendBench.VisitorPool visitors, BenchOptions options,
                                        int clientCount, int perClient, boolean record) {
        long deadline = System.nanoTime() + options.maxTime().toNanos();
        List<Future<ClientRun>> clients = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(clientCount)) {
            for (int c = 0; c < clientCount; c++) {
                SplittableRandom random = new SplittableRandom(options.seed() * 31 + c + (record ? 1000 : 0));
                clients.add(pool.submit(() -> {
                    Latencies latencies = new Latencies(perClient);
                    int personalized = 0;
                    int learned = 0;
                    for (int i = 0; i < perClient && System.nanoTime() < deadline; i++) {
                        long start = System.nanoTime();
                        String body = api.recommend(visitors.any(random));
                        latencies.record(System.nanoTime() - start);
                        // Read after the clock stopped: the client's parsing is not the server's latency.
                        JsonNode answer = Api.MAPPER.readTree(body);
                        personalized += answer.path("personalized").asBoolean() ? 1 : 0;
                        learned += answer.path("strategy").asText().equals(RecommendBench.LEARNED_STRATEGY) ? 1 : 0;
                    }
                    return new ClientRun(latencies, personalized, learned);
                }));
            }
            List<ClientRun> all = new ArrayList<>();
            for (Future<ClientRun> client : clients) {
                all.add(client.get());
            }
            return ClientRun.merge(all);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a client failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Serializes every batch before the clock starts, so that the run measures the server, not the client. */
    private static List<byte[]> bodies(List<List<Event>> batches) {
        WireFormat wire = new WireFormat(WireFormat.defaultMapper());
        ObjectMapper mapper = wire.mapper();
        List<byte[]> bodies = new ArrayList<>(batches.size());
        for (List<Event> batch : batches) {
            ObjectNode body = mapper.createObjectNode();
            ArrayNode events = body.putArray("events");
            batch.forEach(event -> events.add(wire.toJson(event)));
            try {
                bodies.add(mapper.writeValueAsBytes(body));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bodies;
    }

    /** The two calls the benchmark makes, with the secret key. */
    private record Api(HttpClient client, URI base, String key) {

        private static final ObjectMapper MAPPER = new ObjectMapper();

        ParallelDriver.Counts postEvents(byte[] body) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/events"))
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            JsonNode answer = MAPPER.readTree(expectOk(client.send(request, HttpResponse.BodyHandlers.ofString())));
            if (!answer.path("rejected").isEmpty()) {
                throw new IllegalStateException("the server rejected generated events: " + answer.get("rejected"));
            }
            return new ParallelDriver.Counts(answer.path("accepted").asLong(), answer.path("personal").asLong(),
                    answer.path("anonymous").asLong());
        }

        /** Returns the answer's JSON body. */
        String recommend(String visitorId) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + RECOMMENDATIONS + visitorId))
                    .header("Authorization", "Bearer " + key).GET().build();
            return expectOk(client.send(request, HttpResponse.BodyHandlers.ofString()));
        }

        private static String expectOk(HttpResponse<String> response) {
            if (response.statusCode() != 200) {
                throw new IllegalStateException(response.request().method() + " " + response.request().uri().getPath()
                        + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        }
    }
}
