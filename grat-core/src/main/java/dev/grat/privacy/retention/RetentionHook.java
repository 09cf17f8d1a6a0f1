package dev.grat.privacy.retention;

import java.time.Duration;
import java.time.Instant;

/**
 * Records kept outside the engine's store that expire with it, such as the server's audit log: the
 * {@link RetentionJob} calls every registered hook on each run with the cutoff of its period.
 */
public interface RetentionHook {

    /** The name of the records in the {@link RetentionReport}, e.g. {@code audit log}. */
    String category();

    /** Which of the periods applies to these records. */
    Duration period(RetentionPeriods periods);

    /**
     * Removes every record made before {@code cutoff}, so that none stays readable, and returns how many were
     * removed.
     */
    long eraseBefore(Instant cutoff);
}
