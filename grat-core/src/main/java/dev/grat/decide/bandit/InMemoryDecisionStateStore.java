package dev.grat.decide.bandit;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link DecisionStateStore} in memory. Thread-safe; values are copied in and out. */
public final class InMemoryDecisionStateStore implements DecisionStateStore {

    private final Map<String, byte[]> entries = new ConcurrentHashMap<>();

    @Override
    public Map<String, byte[]> loadAll() {
        Map<String, byte[]> copy = new TreeMap<>();
        entries.forEach((key, value) -> copy.put(key, value.clone()));
        return copy;
    }

    @Override
    public void put(String key, byte[] value) {
        entries.put(key, value.clone());
    }

    @Override
    public void remove(String key) {
        entries.remove(key);
    }
}
