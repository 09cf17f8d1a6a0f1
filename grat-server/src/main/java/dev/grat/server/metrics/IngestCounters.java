package dev.grat.server.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * Where everything sent to {@code POST /v1/events} went, so that {@code received = stored + deadLettered + rejected}
 * holds at every scrape (each request adds to {@code received} and to exactly one other counter per unit, in that
 * order). A unit is one element of the {@code events} array, or one whole body that was not a readable batch. A
 * request refused before its body is read (wrong key, 413 for its size, 429) is no unit; neither is one the store
 * failed on (the client got a 5xx and must retry).
 */
public final class IngestCounters {

    private final LongAdder received = new LongAdder();
    private final LongAdder stored = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder replayed = new LongAdder();

    /**
     * Records the outcome of one request.
     *
     * @param stored       units accepted and durable, duplicates included (they are stored, once)
     * @param duplicates   of {@code stored}, those already stored before
     * @param deadLettered units refused and kept in the dead-letter store
     * @param rejected     units refused and not kept (the dead-letter store was full, or failed)
     */
    public void record(long stored, long duplicates, long deadLettered, long rejected) {
        this.stored.add(stored);
        this.duplicates.add(duplicates);
        this.deadLettered.add(deadLettered);
        this.rejected.add(rejected);
        // Last, so that a scrape never sees more received than the other three add up to.
        this.received.add(stored + deadLettered + rejected);
    }

    /** Dead letters replayed successfully (they left the dead-letter store, their events are stored). */
    public void replayed(long letters) {
        replayed.add(letters);
    }

    public long received() {
        return received.sum();
    }

    public long stored() {
        return stored.sum();
    }

    public long duplicates() {
        return duplicates.sum();
    }

    public long deadLettered() {
        return deadLettered.sum();
    }

    public long rejected() {
        return rejected.sum();
    }

    void writeTo(PrometheusText text) {
        counter(text, "grat_ingest_received_total", "Units sent to POST /v1/events (events of readable batches, "
                + "and unreadable bodies): stored + dead-lettered + rejected.", received());
        counter(text, "grat_ingest_stored_total", "Units stored durably, duplicates included.", stored());
        counter(text, "grat_ingest_duplicates_total", "Stored units whose id was already stored.", duplicates());
        counter(text, "grat_ingest_dead_lettered_total", "Units refused and kept in the dead-letter store.",
                deadLettered());
        counter(text, "grat_ingest_rejected_total", "Units refused and not kept (the dead-letter store was full).",
                rejected());
        counter(text, "grat_dead_letters_replayed_total", "Dead letters replayed successfully.", replayed.sum());
    }

    private static void counter(PrometheusText text, String name, String help, long value) {
        text.family(name, "counter", help).sample(name, value);
    }
}
