package dev.grat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grat.Grat;
import dev.grat.catalog.Item;
import dev.grat.recommend.ModelSettings;
import dev.grat.server.config.Admission;
import dev.grat.server.config.ApiKey;
import dev.grat.server.config.RateLimits;
import dev.grat.server.config.ServerConfig;
import dev.grat.server.http.GratServer;
import dev.grat.store.Store;
import dev.grat.store.postgres.PostgresOptions;
import dev.grat.store.postgres.PostgresStore;
import dev.grat.store.sqlite.SqliteStore;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * {@code ./grat bench load}: a constant-rate load generator ({@link ConstantRate}, wrk2-style, HdrHistogram) against
 * a real server on a free port, over the embedded store or PostgreSQL. It sends {@code --rate} events a second in
 * batches, and meanwhile asks for recommendations (and, with {@code --decisions-rate}, decisions) at their own
 * constant rates; it reports the durable events a second that were acknowledged, and every latency from the intended
 * send time. Events are product views of Zipf-popular items by the workload's visitors, 70% of whom consent.
 *
 * <p>Two nodes in cluster mode are not driven here: the cluster helper's nodes would each get a {@code GratServer}
 * and the generator's calls would alternate between their base URIs ({@link Api}); the rest stays the same.
 */
final class LoadBench {

    private static final String SLOT = "load-offers";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LoadBench() {
    }

    static void run(LoadOptions options, PrintStream out) {
        Workload workload = new Workload(options.items(), options.visitors(), options.seed());
        String key = ApiKey.generate("sk_bench_", new SecureRandom());
        try (Target target = Target.open(options, out)) {
            Grat grat = Grat.builder().store(target.store()).models(ModelSettings.onDemand()).build();
            try (grat; GratServer server = GratServer.start(grat, ServerConfig.builder().port(0).secretKey(key)
                    .logLevel(ServerConfig.LogLevel.WARN).rateLimits(RateLimits.off())
                    .admission(Admission.defaults()).build());
                 HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                setUp(grat, workload, out);
                Api api = new Api(client, URI.create("http://127.0.0.1:" + server.port()), key);
                if (options.decisionsRate() > 0) {
                    configureSlot(api);
                }
                out.println("load: " + Machine.load() + " at the start");
                Results results = drive(api, workload, options);
                results.print(options, out);
                out.println("load: " + Machine.load() + " at the end; " + grat.stats());
            }
        }
    }

    private static void configureSlot(Api api) {
        try {
            api.send("PUT", "/v1/slots/" + SLOT + "/policy", "{\"policy\": \"linucb\"}".getBytes(
                    StandardCharsets.UTF_8));
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
            out.printf(Locale.ROOT, "RESULT load ingest: %,.0f durable events/s sustained (target %,d), %,d requests"
                            + " of %d events, %d failed; latency from intended send: %s%n", ingest.unitsPerSecond(),
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

    /** The three streams at once, each at its own constant rate. */
    private static Results drive(Api api, Workload workload, LoadOptions options) {
        Duration duration = Duration.ofSeconds(options.seconds());
        String run = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
        RecommendBench.VisitorPool visitors = RecommendBench.VisitorPool.of(workload);
        ZipfSampler items = new ZipfSampler(workload.catalog().size(), 1.0);
        AtomicReference<ConstantRate.Outcome> recommend = new AtomicReference<>();
        AtomicReference<ConstantRate.Outcome> decide = new AtomicReference<>();
        Thread recommender = Thread.ofPlatform().start(() -> {
            if (options.recommendRate() > 0) {
                recommend.set(ConstantRate.run(options.recommendRate(), duration, 8, i -> {
                    api.send("GET", "/v1/recommendations?slot=home&n=10&visitorId="
                            + visitors.any(new SplittableRandom(options.seed() * 7919 + i)), null);
                    return 1;
                }));
            }
        });
        Thread decider = Thread.ofPlatform().start(() -> {
            if (options.decisionsRate() > 0) {
                byte[] candidates = candidates(workload, options.seed());
                decide.set(ConstantRate.run(options.decisionsRate(), duration, 16, i -> {
                    api.send("POST", "/v1/decisions", decision(visitors.any(new SplittableRandom(i * 31 + 5)),
                            candidates));
                    return 1;
                }));
            }
        });
        double requestsPerSecond = (double) options.rate() / options.batch();
        ConstantRate.Outcome ingest = ConstantRate.run(requestsPerSecond, duration, options.connections(), i -> {
            byte[] body = batch(run, i, options.batch(), workload, visitors, items,
                    new SplittableRandom(options.seed() * 31 + i));
            JsonNode answer = MAPPER.readTree(api.send("POST", "/v1/events", body));
            if (!answer.path("rejected").isEmpty()) {
                throw new IllegalStateException("rejected: " + answer.get("rejected").get(0));
            }
            return answer.path("accepted").asLong();
        });
        join(recommender);
        join(decider);
        return new Results(ingest, recommend.get(), decide.get());
    }

    private static byte[] batch(String run, long index, int size, Workload workload,
                                RecommendBench.VisitorPool visitors, ZipfSampler items, SplittableRandom random) {
        String at = Instant.now().minus(1, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.MILLIS).toString();
        StringBuilder body = new StringBuilder(size * 160).append("{\"events\": [");
        for (int e = 0; e < size; e++) {
            body.append(e == 0 ? "" : ",").append("{\"id\": \"l").append(run).append('-').append(index).append('-')
                    .append(e).append("\", \"type\": \"product_view\", \"visitorId\": \"")
                    .append(visitors.any(random)).append("\", \"channel\": \"web\", \"timestamp\": \"").append(at)
                    .append("\", \"itemId\": \"").append(workload.itemAtRank(items.next(random))).append("\"}");
        }
        return body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
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

    /** The server's base URI and key; every call must answer 200. */
    private record Api(HttpClient client, URI base, String key) {

        String send(String method, String pathAndQuery, byte[] json) throws IOException, InterruptedException {
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

    /** The store under test: a temporary data directory, or a fresh PostgreSQL schema dropped afterwards. */
    private record Target(Store store, Path dataDir, String jdbcUrl, String schema) implements AutoCloseable {

        static Target open(LoadOptions options, PrintStream out) {
            if (options.store().isPresent()) {
                String schema = "grat_load_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
                out.println("setup: PostgreSQL schema " + schema + " (dropped at the end)");
                PostgresStore store = PostgresStore.open(PostgresOptions.of(options.store().get()).withSchema(schema));
                return new Target(store, null, options.store().get(), schema);
            }
            try {
                Path dir = Files.createTempDirectory("grat-load-");
                return new Target(SqliteStore.open(dir), dir, null, null);
            } catch (IOException e) {
                throw new IllegalStateException("cannot create a temporary data directory", e);
            }
        }

        /** Runs after the engine closed the store. */
        @Override
        public void close() {
            if (schema != null) {
                try (Connection connection = DriverManager.getConnection(jdbcUrl);
                     Statement statement = connection.createStatement()) {
                    statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot drop the load schema " + schema, e);
                }
            } else {
                deleteTree(dataDir);
            }
        }

        private static void deleteTree(Path dir) {
            try (var files = Files.walk(dir)) {
                for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot delete " + dir, e);
            }
        }
    }
}
