package dev.grat.store;

import dev.grat.consent.ConsentEntry;

import java.util.List;
import java.util.function.Consumer;

/** The consent ledger: entries are appended, never changed, and removed only by erasure. */
public interface ConsentStore {

    /** Appends one entry durably. */
    void append(ConsentEntry entry);

    /** One visitor's entries, oldest first ({@code recordedAt}, then order of appending). */
    List<ConsentEntry> history(String visitorId);

    /** The newest entry of every visitor, in no particular order. */
    void forEachLatest(Consumer<ConsentEntry> action);
}
