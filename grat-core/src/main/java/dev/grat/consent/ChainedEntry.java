package dev.grat.consent;

/** A ledger entry with its place in the hash chain. */
public record ChainedEntry(ConsentEntry entry, LedgerLink link) {
}
