package dev.grat.profile;

import java.util.Arrays;
import java.util.List;

/**
 * The latest distinct items of a visitor, at most {@code capacity}. Touching an item moves it to the end;
 * a new item may push out the oldest. Co-occurrence counts pairs within this set, so that taking a
 * visitor out of the counts (erasure, withdrawn consent) is exact.
 */
public final class RecentSet {

    // Oldest first. A plain array: the set is small (the co-view window, 20 by default) and touched on every
    // event, where a LinkedHashSet of boxed ints and its copies showed in ingestion profiles.
    private final int[] items;
    private int size;

    public RecentSet(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.items = new int[capacity];
    }

    /** Adds or moves the item; returns what changed for the pair counts. */
    public Change touch(int item) {
        int at = indexOf(item);
        if (at >= 0) {
            System.arraycopy(items, at + 1, items, at, size - at - 1);
            items[size - 1] = item;
            return Change.NONE;
        }
        Integer evicted = null;
        if (size == items.length) {
            evicted = items[0];
            System.arraycopy(items, 1, items, 0, size - 1);
            size--;
        }
        int[] before = Arrays.copyOf(items, size);
        items[size++] = item;
        return new Change(item, evicted, before);
    }

    /** The items, oldest first. */
    public List<Integer> items() {
        return Arrays.stream(items, 0, size).boxed().toList();
    }

    private int indexOf(int item) {
        for (int i = 0; i < size; i++) {
            if (items[i] == item) {
                return i;
            }
        }
        return -1;
    }

    /**
     * What one touch changed: {@code added} joined and pairs with every item of {@code partners};
     * {@code evicted} (if not null) left and no longer pairs with {@code partners}. The array is the change's own
     * copy; nobody changes it.
     */
    public record Change(Integer added, Integer evicted, int[] partners) {
        static final Change NONE = new Change(null, null, new int[0]);
    }
}
