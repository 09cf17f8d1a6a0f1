package dev.grat.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client side of the kill-loop tests: senders post batches of events to {@code grat serve} children that may be
 * killed at any moment and remember the ids of each acknowledged batch; a batch that got no answer (the client cannot
 * know whether it arrived) is kept to be sent again, as a client would.
 */
final class KillLoopClient {

    /** Visitors with consent, whose stored events a privacy export lists. */
    static final int VISITORS = 8;
    static final int BATCH = 25;

    /** What one event of a batch is about; an anonymous one (no consent) is counted, its id not stored. */
    record Event(int item, boolean anonymous) {
    }

    /** The event at {@code index} of a batch, with the id {@code id}. */
    interface Events {
        Event at(String id, int index);
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<List<String>> unanswered = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Throwable> senderFailures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger nextBatch = new AtomicInteger();
    private final String key;
    private final String prefix;
    private final Duration pause;
    private final Events events;

    /**
     * @param key    the children's secret key
     * @param prefix of event ids and visitor ids, so that the tests' data never mix
     * @param pause  each sender's pause after an answer (zero: none)
     * @param events what each event of a batch is about
     */
    KillLoopClient(String key, String prefix, Duration pause, Events events) {
        this.key = key;
        this.prefix = prefix;
        this.pause = pause;
        this.events = events;
    }

    /** The ids of the acknowledged batches, anonymous events left out (a live view). */
    Set<String> acknowledged() {
        return Collections.unmodifiableSet(acknowledged);
    }

    /** What the senders caught other than a lost connection: an answer that was not a whole acceptance. */
    List<Throwable> senderFailures() {
        return List.copyOf(senderFailures);
    }

    /** Starts {@code count} senders to {@code port} that stop only when its server dies. */
    List<Thread> startSenders(int port, int count, CountDownLatch enough) {
        return startSenders(port, count, enough, new AtomicBoolean());
    }

    /**
     * Starts {@code count} senders to {@code port} that stop when its server dies or {@code stop} is set; each
     * acknowledged batch counts {@code enough} down.
     */
    List<Thread> startSenders(int port, int count, CountDownLatch enough, AtomicBoolean stop) {
        List<Thread> senders = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            senders.add(Thread.ofVirtual().start(() -> sendUntilDown(port, enough, stop)));
        }
        return senders;
    }

    private void sendUntilDown(int port, CountDownLatch enough, AtomicBoolean stop) {
        while (!stop.get()) {
            List<String> ids = unanswered.poll();
            if (ids == null) {
                ids = newBatch();
            }
            try {
                send(port, ids);
                enough.countDown();
            } catch (IOException | InterruptedException down) {
                unanswered.add(ids);
                return;
            } catch (RuntimeException | AssertionError e) {
                // A thread's own failure would not fail the test: the test checks senderFailures().
                unanswered.add(ids);
                senderFailures.add(e);
                return;
            }
            pause();
        }
    }

    private void pause() {
        if (pause.isZero()) {
            return;
        }
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends the batches that got no answer again, to {@code port}. */
    void resendUnanswered(int port) throws IOException, InterruptedException {
        List<String> ids;
        while ((ids = unanswered.poll()) != null) {
            send(port, ids);
        }
    }

    private void send(int port, List<String> ids) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder("{\"events\": [");
        Instant at = Instant.now().minus(1, ChronoUnit.MINUTES);
        List<String> personal = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            Event event = events.at(ids.get(i), i);
            String visitor = event.anonymous() ? prefix + "-anonymous-" + i % 3 : visitor(i % VISITORS);
            if (!event.anonymous()) {
                personal.add(ids.get(i));
            }
            body.append(i == 0 ? "" : ",").append("""
                    {"id": "%s", "type": "product_view", "visitorId": "%s", "channel": "web",
                     "timestamp": "%s", "itemId": "item-%d"}""".formatted(ids.get(i), visitor, at, event.item()));
        }
        HttpResponse<String> response = request(port, "POST", "/v1/events", body.append("]}").toString());
        JsonNode result = mapper.readTree(response.body());
        if (response.statusCode() != 200 || result.path("accepted").intValue() != ids.size()) {
            throw new AssertionError("a batch was not accepted whole (" + response.statusCode() + "): "
                    + response.body());
        }
        acknowledged.addAll(personal);
    }

    private List<String> newBatch() {
        int b = nextBatch.getAndIncrement();
        List<String> ids = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            ids.add(prefix + "-" + b + "-" + i);
        }
        return ids;
    }

    /** Gives every visitor consent to analytics and personalization, through {@code port}. */
    void grantConsent(int port) throws IOException, InterruptedException {
        for (int v = 0; v < VISITORS; v++) {
            assertThat(request(port, "PUT", "/v1/consent/" + visitor(v), "{\"purposes\": {\"analytics\": true,"
                    + " \"personalization\": true}, \"source\": \"test\", \"policyVersion\": \"1\"}").statusCode())
                    .isEqualTo(200);
        }
    }

    /** The ids of all visitors' stored events, from their privacy exports; a duplicate stays in the list. */
    List<String> storedIdList(int port) throws IOException, InterruptedException {
        List<String> stored = new ArrayList<>();
        for (int v = 0; v < VISITORS; v++) {
            get(port, "/v1/privacy/" + visitor(v)).get("events")
                    .forEach(event -> stored.add(event.get("id").textValue()));
        }
        return stored;
    }

    /** The answer to {@code GET path}, parsed. */
    JsonNode get(int port, String path) throws IOException, InterruptedException {
        return mapper.readTree(request(port, "GET", path, null).body());
    }

    /** Sends {@code method path} (with {@code json} as the body, if not null) with the secret key. */
    HttpResponse<String> request(int port, String method, String path, String json)
            throws IOException, InterruptedException {
        return ChildServer.send(client, port, key, method, path, json);
    }

    String visitor(int index) {
        return prefix + "-visitor-" + index;
    }
}
