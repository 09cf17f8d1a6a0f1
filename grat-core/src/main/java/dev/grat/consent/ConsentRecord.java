package dev.grat.consent;

import java.util.List;

/** A visitor's current consent and the ledger history that led to it, oldest first. */
public record ConsentRecord(ConsentState current, List<ConsentEntry> history) {

    public ConsentRecord {
        history = List.copyOf(history);
    }
}
