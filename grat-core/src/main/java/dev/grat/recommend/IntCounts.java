package dev.grat.recommend;

import java.util.Arrays;

/** A small open-addressing map from int keys to int counts; entries whose count falls to zero stay as zero. */
final class IntCounts {

    private static final int EMPTY = -1;

    private int[] keys = emptyKeys(8);
    private int[] counts = new int[8];
    private int used;

    void add(int key, int delta) {
        int slot = slotOf(key);
        if (keys[slot] == EMPTY) {
            if (delta == 0) {
                return;
            }
            keys[slot] = key;
            used++;
            counts[slot] = delta;
            if (used * 2 > keys.length) {
                grow();
            }
        } else {
            counts[slot] += delta;
        }
    }

    int get(int key) {
        int slot = slotOf(key);
        return keys[slot] == EMPTY ? 0 : counts[slot];
    }

    /** Calls the visitor for every key with a positive count. */
    void forEach(IntIntVisitor visitor) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY && counts[i] > 0) {
                visitor.visit(keys[i], counts[i]);
            }
        }
    }

    int positiveEntries() {
        int n = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY && counts[i] > 0) {
                n++;
            }
        }
        return n;
    }

    private int slotOf(int key) {
        int mask = keys.length - 1;
        int slot = (key * 0x9E3779B9) >>> 1 & mask;
        while (keys[slot] != EMPTY && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        int[] oldKeys = keys;
        int[] oldCounts = counts;
        keys = emptyKeys(oldKeys.length * 2);
        counts = new int[oldKeys.length * 2];
        used = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY && oldCounts[i] != 0) {
                int slot = slotOf(oldKeys[i]);
                keys[slot] = oldKeys[i];
                counts[slot] = oldCounts[i];
                used++;
            }
        }
    }

    private static int[] emptyKeys(int size) {
        int[] keys = new int[size];
        Arrays.fill(keys, EMPTY);
        return keys;
    }

    @FunctionalInterface
    interface IntIntVisitor {
        void visit(int key, int count);
    }
}
