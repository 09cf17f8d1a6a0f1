package dev.grat.decide.bandit;

import java.util.Map;

/**
 * Where the decision service keeps its state between restarts: a small key-value map of byte arrays (policy
 * states under {@code policy/<key>}, experiments under {@code experiment/<id>}). The values are Grat's own
 * versioned formats; an adapter stores them as they are. {@link InMemoryDecisionStateStore} is the reference.
 */
public interface DecisionStateStore {

    /** Every stored entry. */
    Map<String, byte[]> loadAll();

    /** Stores (replaces) one entry durably. */
    void put(String key, byte[] value);

    /** Removes one entry, if present. */
    void remove(String key);
}
