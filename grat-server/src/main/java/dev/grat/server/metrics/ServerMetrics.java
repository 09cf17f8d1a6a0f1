package dev.grat.server.metrics;

import dev.grat.EngineStats;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's metrics, rendered in the Prometheus text format by {@link #render(EngineStats)}. Thread-safe;
 * recording is a few adder increments. Label values are bounded vocabularies: event type and channel wire
 * names (or {@code unknown}), HTTP methods, route templates and status codes.
 */
public final class ServerMetrics {

    /** The content type of {@link #render(EngineStats)}. */
    public static final String CONTENT_TYPE = PrometheusText.CONTENT_TYPE;

    /** The label value of an event type or channel that could not be read. */
    public static final String UNKNOWN = "unknown";

    private static final String DURATION = "grat_http_request_duration_seconds";
    private static final List<String> ROUTE_LABELS = List.of("method", "route");

    private final LabeledCounter eventsAccepted = new LabeledCounter("grat_events_accepted_total",
            "Events accepted, including duplicates of events already stored.", List.of("type", "channel"));
    private final LabeledCounter eventsRejected = new LabeledCounter("grat_events_rejected_total",
            "Events rejected as invalid.", List.of("type", "channel"));
    private final LabeledCounter requests = new LabeledCounter("grat_http_requests_total",
            "HTTP requests answered, by route template and status.", List.of("method", "route", "status"));
    private final Map<List<String>, LatencyHistogram> durations = new ConcurrentHashMap<>();
    private final IngestCounters ingest = new IngestCounters();
    private final java.util.concurrent.atomic.LongAdder overloaded = new java.util.concurrent.atomic.LongAdder();

    /** Where the units sent to {@code POST /v1/events} went (stored, dead-lettered, rejected). */
    public IngestCounters ingest() {
        return ingest;
    }

    /** Counts a request refused with 429 because the server was at capacity (not a rate limit). */
    public void overloaded() {
        overloaded.increment();
    }

    public void eventAccepted(String type, String channel) {
        eventsAccepted.increment(List.of(type, channel), 1);
    }

    public void eventRejected(String type, String channel) {
        eventsRejected.increment(List.of(type, channel), 1);
    }

    /**
     * Records one answered request.
     *
     * @param route the route template such as {@code /v1/privacy/{visitorId}}, never the raw path
     */
    public void requestCompleted(String method, String route, int status, long nanos) {
        requests.increment(List.of(method, route, Integer.toString(status)), 1);
        durations.computeIfAbsent(List.of(method, route), labels -> new LatencyHistogram()).observe(nanos / 1e9);
    }

    long acceptedCount(String type, String channel) {
        return eventsAccepted.get(List.of(type, channel));
    }

    long rejectedCount(String type, String channel) {
        return eventsRejected.get(List.of(type, channel));
    }

    /** Every metric in the Prometheus text format, with the engine's sizes as gauges. */
    public String render(EngineStats stats) {
        PrometheusText text = new PrometheusText();
        eventsAccepted.writeTo(text);
        eventsRejected.writeTo(text);
        requests.writeTo(text);
        ingest.writeTo(text);
        text.family("grat_http_overloaded_total", "counter", "Requests refused with 429 because the server had"
                + " max.in.flight requests in flight and max.queued waiting.").sample("grat_http_overloaded_total",
                overloaded.sum());
        text.family(DURATION, "histogram", "Time from reading a request to writing its answer, by route template.");
        durationKeys().values()
                .forEach(labels -> durations.get(labels).writeTo(text, DURATION, ROUTE_LABELS, labels));
        gauge(text, "grat_catalog_items", "Items in the catalog.", stats.items());
        gauge(text, "grat_profiles", "Visitor profiles held in memory.", stats.profiles());
        gauge(text, "grat_consenting_visitors", "Visitors with a consent answer on record.", stats.consentingVisitors());
        gauge(text, "grat_personal_events", "Events stored with a visitor id (consented).", stats.personalEvents());
        gauge(text, "grat_cooccurrence_pairs", "Product pairs counted for viewed or bought together.",
                stats.coOccurrencePairs());
        return text.toString();
    }

    private Map<String, List<String>> durationKeys() {
        Map<String, List<String>> keys = new TreeMap<>();
        durations.keySet().forEach(labels -> keys.put(String.join(" ", labels), labels));
        return keys;
    }

    private static void gauge(PrometheusText text, String name, String help, double value) {
        text.family(name, "gauge", help).sample(name, value);
    }
}
