package dev.grat.catalog;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dense int indices for product ids, so that models work on arrays (the RankSys/LensKit idiom).
 * An index, once given, never changes for the life of the process; ids of products not (yet) in the
 * catalog get one too, because events may name them first.
 */
public final class ItemIndex {

    private final ConcurrentHashMap<String, Integer> indexOf = new ConcurrentHashMap<>();
    private volatile String[] idOf = new String[1024];
    private int size;

    /** The index of the id, given now if it has none. */
    public int indexOf(String itemId) {
        Integer known = indexOf.get(itemId);
        return known != null ? known : assign(itemId);
    }

    /** The index of the id, or -1 when it has none. */
    public int find(String itemId) {
        return indexOf.getOrDefault(itemId, -1);
    }

    public String idOf(int index) {
        return idOf[index];
    }

    public int size() {
        synchronized (this) {
            return size;
        }
    }

    private synchronized int assign(String itemId) {
        Integer known = indexOf.get(itemId);
        if (known != null) {
            return known;
        }
        if (size == idOf.length) {
            idOf = Arrays.copyOf(idOf, size * 2);
        }
        idOf[size] = itemId;
        indexOf.put(itemId, size);
        return size++;
    }
}
