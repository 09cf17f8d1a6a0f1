package dev.grat.server.web;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of the privacy-relevant things the browser routes did since start-up, for the dashboard's privacy
 * picture: counts only, never who.
 */
public final class WebCounters {

    private final LongAdder visitorTokensIssued = new LongAdder();
    private final LongAdder selfServiceExports = new LongAdder();
    private final LongAdder selfServiceErasures = new LongAdder();
    private final LongAdder operatorExports = new LongAdder();
    private final LongAdder operatorErasures = new LongAdder();
    private final LongAdder emailEventsRecorded = new LongAdder();
    private final LongAdder emailEventsNotRecorded = new LongAdder();

    void visitorTokenIssued() {
        visitorTokensIssued.increment();
    }

    void selfServiceExport() {
        selfServiceExports.increment();
    }

    void selfServiceErasure() {
        selfServiceErasures.increment();
    }

    /** An export through {@code GET /v1/privacy/{visitorId}} (the secret key). */
    public void operatorExport() {
        operatorExports.increment();
    }

    /** An erasure through {@code DELETE /v1/privacy/{visitorId}} (the secret key). */
    public void operatorErasure() {
        operatorErasures.increment();
    }

    void emailEvent(boolean recorded) {
        (recorded ? emailEventsRecorded : emailEventsNotRecorded).increment();
    }

    /** The counts at one moment. */
    public Snapshot snapshot() {
        return new Snapshot(visitorTokensIssued.sum(), selfServiceExports.sum(), selfServiceErasures.sum(),
                operatorExports.sum(), operatorErasures.sum(), emailEventsRecorded.sum(), emailEventsNotRecorded.sum());
    }

    /**
     * @param emailEventsNotRecorded e-mail opens and clicks of recipients without marketing consent (or with
     *                               Global Privacy Control), which Grat did not record at all
     */
    public record Snapshot(long visitorTokensIssued, long selfServiceExports, long selfServiceErasures,
                           long operatorExports, long operatorErasures, long emailEventsRecorded,
                           long emailEventsNotRecorded) {
    }
}
