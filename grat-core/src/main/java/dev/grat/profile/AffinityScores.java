package dev.grat.profile;

import java.time.Duration;
import java.util.function.ObjDoubleConsumer;

/**
 * One visitor's decaying interest per key (a category path or a brand), with {@link DecayingScore}'s arithmetic.
 * A map of DecayingScores costs two long-lived objects per key (the score and the map's node), which young
 * collections copy under heavy ingestion; this keeps the scores in parallel primitive arrays of an
 * open-addressing table (linear probing, power-of-two capacity), so a new key adds no object. The keys are
 * the callers' strings, kept as given. Not thread-safe: {@link VisitorProfile} guards it with its monitor.
 */
final class AffinityScores {

    private static final int INITIAL_CAPACITY = 8;
    private static final String[] NO_KEYS = {};

    private final double halfLifeMillis;
    // Allocated on the first add: many visitors never get a brand or category affinity.
    private String[] keys = NO_KEYS;
    private double[] values;
    private long[] asOfMillis;
    private int size;
    private int shift;

    AffinityScores(Duration halfLife) {
        this.halfLifeMillis = halfLife.toMillis();
    }

    /** Adds {@code weight} to {@code key}'s score as of {@code atMillis}, as {@link DecayingScore#add} does. */
    void add(String key, double weight, long atMillis) {
        if (keys.length == 0) {
            allocate(INITIAL_CAPACITY);
        }
        int slot = slotOf(key);
        if (keys[slot] == null) {
            if ((size + 1) * 4 > keys.length * 3) {
                grow();
                slot = slotOf(key);
            }
            keys[slot] = key;
            asOfMillis[slot] = DecayingScore.NEVER;
            size++;
        }
        values[slot] = DecayingScore.valueAfterAdd(values[slot], asOfMillis[slot], weight, atMillis, halfLifeMillis);
        asOfMillis[slot] = DecayingScore.asOfAfterAdd(asOfMillis[slot], atMillis);
    }

    /** {@code key}'s score decayed to {@code nowMillis}, as {@link DecayingScore#valueAt} gives it; 0 for no score. */
    double valueAt(String key, long nowMillis) {
        if (size == 0) {
            return 0;
        }
        int slot = slotOf(key);
        return keys[slot] == null ? 0 : DecayingScore.valueAt(values[slot], asOfMillis[slot], nowMillis, halfLifeMillis);
    }

    /** Gives every key and its score decayed to {@code nowMillis} (zero or negative ones too), in no order. */
    void forEachValueAt(long nowMillis, ObjDoubleConsumer<String> action) {
        for (int slot = 0; slot < keys.length; slot++) {
            if (keys[slot] != null) {
                action.accept(keys[slot], DecayingScore.valueAt(values[slot], asOfMillis[slot], nowMillis, halfLifeMillis));
            }
        }
    }

    /** The number of keys that have a score. */
    int size() {
        return size;
    }

    private int slotOf(String key) {
        int mask = keys.length - 1;
        // Fibonacci hashing: spreads the String hash over the top bits, so that similar paths don't cluster.
        int slot = (key.hashCode() * 0x9E3779B9) >>> shift;
        while (keys[slot] != null && !keys[slot].equals(key)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        String[] oldKeys = keys;
        double[] oldValues = values;
        long[] oldAsOf = asOfMillis;
        allocate(oldKeys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int slot = slotOf(oldKeys[i]);
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
                asOfMillis[slot] = oldAsOf[i];
            }
        }
    }

    private void allocate(int capacity) {
        keys = new String[capacity];
        values = new double[capacity];
        asOfMillis = new long[capacity];
        shift = Integer.numberOfLeadingZeros(capacity) + 1;
    }
}
