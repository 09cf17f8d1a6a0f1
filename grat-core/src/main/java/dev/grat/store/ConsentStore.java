package dev.grat.store;

import dev.grat.consent.ChainedEntry;
import dev.grat.consent.ConsentChain;
import dev.grat.consent.ConsentEntry;
import dev.grat.consent.LedgerLink;
import dev.grat.consent.LedgerRow;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The consent ledger: one hash chain over all entries in append order ({@link ConsentChain}). Entries are
 * appended, never changed; erasure ({@link Store#eraseVisitor(String)}) turns a visitor's entries into
 * tombstones that keep only sequence, previous hash and hash. Notice texts are kept once per SHA-256.
 */
public interface ConsentStore {

    /**
     * Appends one entry durably at the end of the chain and returns its link. Appends are serialised: the
     * entry's sequence is the head's plus one and its previous hash the head's hash, even with several writers
     * (or several nodes sharing one database).
     *
     * @param salt random hex ({@link ConsentChain#newSalt}) hashed with the entry and dropped by erasure
     */
    LedgerLink append(ConsentEntry entry, String salt);

    /** One visitor's entries, oldest first ({@code recordedAt}, then order of appending); never tombstones. */
    List<ConsentEntry> history(String visitorId);

    /** The newest entry of every visitor, in no particular order. */
    void forEachLatest(Consumer<ConsentEntry> action);

    /** The visitor's newest entry with its link, if they have one. */
    Optional<ChainedEntry> latestOf(String visitorId);

    /** Every row of the ledger, tombstones included, in sequence order. */
    void forEachInChain(Consumer<LedgerRow> action);

    /** The link of the last entry appended, as recorded by {@link #append}; empty while the ledger is empty. */
    Optional<LedgerLink> head();

    /** Keeps a notice text under its SHA-256 (hex); keeping the same text again changes nothing. */
    void putNotice(String hash, String text);

    /** The notice text with this SHA-256, if kept. */
    Optional<String> notice(String hash);
}
