package dev.grat.profile;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * The latest distinct items of a visitor, at most {@code capacity}. Touching an item moves it to the end;
 * a new item may push out the oldest. Co-occurrence counts pairs within this set, so that taking a
 * visitor out of the counts (erasure, withdrawn consent) is exact.
 */
public final class RecentSet {

    private final int capacity;
    private final LinkedHashSet<Integer> items = new LinkedHashSet<>();

    public RecentSet(int capacity) {
        this.capacity = capacity;
    }

    /** Adds or moves the item; returns what changed for the pair counts. */
    public Change touch(int item) {
        if (items.remove(item)) {
            items.add(item);
            return Change.NONE;
        }
        Integer evicted = null;
        if (items.size() == capacity) {
            evicted = items.removeFirst();
        }
        List<Integer> before = List.copyOf(items);
        items.add(item);
        return new Change(item, evicted, before);
    }

    public List<Integer> items() {
        return List.copyOf(items);
    }

    /**
     * What one touch changed: {@code added} joined and pairs with every item of {@code partners};
     * {@code evicted} (if not null) left and no longer pairs with {@code partners}.
     */
    public record Change(Integer added, Integer evicted, List<Integer> partners) {
        static final Change NONE = new Change(null, null, List.of());
    }
}
