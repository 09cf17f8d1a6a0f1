package dev.grat.server.web;

import dev.grat.server.config.RateLimits;
import dev.grat.server.http.RunningServer;
import dev.grat.server.http.WireJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that sends each batch up to three times through a proxy that loses answers (after Grat stored the batch),
 * answers 503 instead, or loses the request, at random: every event is stored once however often it arrived, every
 * acknowledged event is stored, and the server's counters match what the proxy saw delivered.
 */
class RetriesAndDuplicatesTest {

    private static final String VISITOR = "retry-visitor";
    private static final int BATCHES = 60;
    private static final int ATTEMPTS = 3;

    @TempDir
    Path dataDir;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void eachBatchSentUpToThreeTimes_isStoredOnce_andTheCountersAreRight() throws Exception {
        Random random = new Random(20261129);
        try (RunningServer server = RunningServer.start(dataDir, RunningServer.defaults()
                .rateLimits(RateLimits.off()).build());
             FlakyProxy proxy = FlakyProxy.start(URI.create("http://127.0.0.1:" + server.server.port()))) {
            server.putJson("/v1/consent/" + VISITOR, WireJson.consent(true, true, false));
            proxy.faults(randomFaults(random, 101));

            Set<String> sent = new HashSet<>();
            Set<String> acknowledged = new HashSet<>();
            for (int b = 0; b < BATCHES; b++) {
                List<String> ids = new ArrayList<>();
                for (int e = 0, size = 1 + random.nextInt(4); e < size; e++) {
                    ids.add("retry-" + b + "-" + e);
                }
                sent.addAll(ids);
                if (sendWithRetries(proxy.url(), ids)) {
                    acknowledged.addAll(ids);
                }
            }

            List<String> stored = RunningServer.json(server.get("/v1/privacy/" + VISITOR)).get("events")
                    .findValuesAsText("id");
            Set<String> delivered = new HashSet<>();
            long deliveredEvents = 0;
            long reportedDuplicates = 0;
            for (FlakyProxy.Batch batch : proxy.batches()) {
                if (batch.gratStatus() == 200) {
                    delivered.addAll(batch.eventIds());
                    deliveredEvents += batch.eventIds().size();
                    reportedDuplicates += batch.duplicates();
                }
            }
            assertThat(proxy.batches()).extracting(FlakyProxy.Batch::fault)
                    .contains(FlakyProxy.Fault.CLOSE_WITHOUT_ANSWER, FlakyProxy.Fault.NOT_DELIVERED);
            assertThat(acknowledged).isNotEmpty().isSubsetOf(stored);
            assertThat(stored).doesNotHaveDuplicates();
            assertThat(new HashSet<>(stored)).isEqualTo(delivered).isSubsetOf(sent);
            assertThat(reportedDuplicates).isPositive();

            Map<String, Long> counters = counters(server.get("/metrics").body());
            assertThat(counters.get("grat_ingest_received_total")).isEqualTo(deliveredEvents);
            assertThat(counters.get("grat_ingest_stored_total")).isEqualTo(deliveredEvents);
            assertThat(counters.get("grat_ingest_duplicates_total")).isEqualTo(reportedDuplicates)
                    .isEqualTo(deliveredEvents - stored.size());
            assertThat(counters.get("grat_ingest_dead_lettered_total") + counters.get("grat_ingest_rejected_total"))
                    .isZero();
        }
    }

    /** Mostly faithful; about one in six answers lost after the store, one in ten 503, one in ten requests lost. */
    private static List<FlakyProxy.Fault> randomFaults(Random random, int length) {
        List<FlakyProxy.Fault> faults = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            int roll = random.nextInt(30);
            faults.add(roll < 5 ? FlakyProxy.Fault.CLOSE_WITHOUT_ANSWER : roll < 8 ? FlakyProxy.Fault.SERVICE_UNAVAILABLE
                    : roll < 11 ? FlakyProxy.Fault.NOT_DELIVERED : FlakyProxy.Fault.NONE);
        }
        return faults;
    }

    /** True when one of up to three attempts was answered 200. */
    private boolean sendWithRetries(URI proxy, List<String> ids) throws InterruptedException {
        String body = WireJson.batch(ids.stream().map(id -> WireJson.productView(id, VISITOR, "shoe-1")).toList());
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            HttpRequest request = HttpRequest.newBuilder(proxy.resolve("/v1/events"))
                    .timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + RunningServer.SECRET_KEY)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            try {
                if (client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException lost) {
                // The answer (or the request) was lost: the client cannot know whether Grat has the batch.
            }
        }
        return false;
    }

    private static Map<String, Long> counters(String metrics) {
        Map<String, Long> values = new HashMap<>();
        Matcher matcher = Pattern.compile("(?m)^(grat_ingest_\\w+) (\\d+(?:\\.\\d+)?)$").matcher(metrics);
        while (matcher.find()) {
            values.put(matcher.group(1), (long) Double.parseDouble(matcher.group(2)));
        }
        return values;
    }
}
