package dev.grat.store;

/**
 * How many records of each kind the store removed for one visitor.
 *
 * @param declaredPreferences 1 when the visitor's declared preferences were removed, else 0
 */
public record ErasedRecords(int events, int consentEntries, int identityLinks, int declaredPreferences) {

    /** Counts of a store call that removed no declared preferences. */
    public ErasedRecords(int events, int consentEntries, int identityLinks) {
        this(events, consentEntries, identityLinks, 0);
    }

    public ErasedRecords plus(ErasedRecords other) {
        return new ErasedRecords(events + other.events, consentEntries + other.consentEntries,
                identityLinks + other.identityLinks, declaredPreferences + other.declaredPreferences);
    }
}
