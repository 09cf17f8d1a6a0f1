package dev.grat;

/** Sizes of the engine's state. */
public record EngineStats(int items, int profiles, int consentingVisitors, long personalEvents,
                          long coOccurrencePairs) {
}
