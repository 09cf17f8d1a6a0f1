package dev.grat.store;

/** How many records of each kind the store removed for one visitor. */
public record ErasedRecords(int events, int consentEntries, int identityLinks) {

    public ErasedRecords plus(ErasedRecords other) {
        return new ErasedRecords(events + other.events, consentEntries + other.consentEntries,
                identityLinks + other.identityLinks);
    }
}
