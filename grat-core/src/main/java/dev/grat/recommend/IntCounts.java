package dev.grat.recommend;

import java.util.Arrays;

/**
 * A small open-addressing map from int keys to int counts; entries whose count falls to zero stay as zero. Each slot
 * is a key and its count side by side in one array: a lookup in a row of a popular product is a cache miss, and an
 * event makes dozens of them (every pair of its visitor's recent products), so one miss per lookup instead of one
 * for the key and one for the count.
 */
final class IntCounts {

    private static final int EMPTY = -1;

    /** Slot i: the key at 2i (or EMPTY), its count at 2i + 1. */
    private int[] slots = emptySlots(8);
    private int used;

    void add(int key, int delta) {
        int slot = slotOf(key);
        if (slots[slot] == EMPTY) {
            if (delta == 0) {
                return;
            }
            slots[slot] = key;
            slots[slot + 1] = delta;
            used++;
            if (used * 2 > capacity()) {
                grow();
            }
        } else {
            slots[slot + 1] += delta;
        }
    }

    int get(int key) {
        int slot = slotOf(key);
        return slots[slot] == EMPTY ? 0 : slots[slot + 1];
    }

    /** Calls the visitor for every key with a positive count, in slot order. */
    void forEach(IntIntVisitor visitor) {
        for (int i = 0; i < slots.length; i += 2) {
            if (slots[i] != EMPTY && slots[i + 1] > 0) {
                visitor.visit(slots[i], slots[i + 1]);
            }
        }
    }

    int positiveEntries() {
        int n = 0;
        for (int i = 0; i < slots.length; i += 2) {
            if (slots[i] != EMPTY && slots[i + 1] > 0) {
                n++;
            }
        }
        return n;
    }

    private int capacity() {
        return slots.length / 2;
    }

    /** The array index of the key's slot (its own, or the empty one where it would go). */
    private int slotOf(int key) {
        int mask = capacity() - 1;
        int slot = (key * 0x9E3779B9) >>> 1 & mask;
        while (slots[2 * slot] != EMPTY && slots[2 * slot] != key) {
            slot = (slot + 1) & mask;
        }
        return 2 * slot;
    }

    private void grow() {
        int[] old = slots;
        slots = emptySlots(capacity() * 2);
        used = 0;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != EMPTY && old[i + 1] != 0) {
                int slot = slotOf(old[i]);
                slots[slot] = old[i];
                slots[slot + 1] = old[i + 1];
                used++;
            }
        }
    }

    /** {@code capacity} empty slots. */
    private static int[] emptySlots(int capacity) {
        int[] slots = new int[2 * capacity];
        Arrays.fill(slots, EMPTY);
        return slots;
    }

    @FunctionalInterface
    interface IntIntVisitor {
        void visit(int key, int count);
    }
}
