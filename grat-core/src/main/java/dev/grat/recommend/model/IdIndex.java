package dev.grat.recommend.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable mapping between external ids (visitors, products) and dense int indices 0..size-1, so that
 * models work on arrays. A model keeps the index of its items, which makes a saved model independent of
 * the process that trained it.
 */
public final class IdIndex {

    private final String[] ids;
    private final Map<String, Integer> indexOf;

    private IdIndex(String[] ids, Map<String, Integer> indexOf) {
        this.ids = ids;
        this.indexOf = indexOf;
    }

    /** An index of these ids, in this order; they must be distinct and not null. */
    public static IdIndex of(List<String> ids) {
        Builder builder = new Builder();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null) {
                throw new IllegalArgumentException("ids[" + i + "] must not be null");
            }
            if (builder.find(id) >= 0) {
                throw new IllegalArgumentException("ids[" + i + "] '" + id + "' appears twice");
            }
            builder.indexOf(id);
        }
        return builder.build();
    }

    public int size() {
        return ids.length;
    }

    /** The id at this index. */
    public String id(int index) {
        return ids[index];
    }

    /** The index of the id, or -1 when it has none. */
    public int find(String id) {
        Integer index = indexOf.get(id);
        return index == null ? -1 : index;
    }

    /** All ids, by index. */
    public List<String> ids() {
        return List.of(ids);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IdIndex that && Arrays.equals(ids, that.ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return "IdIndex[size=" + ids.length + "]";
    }

    /** Gives indices in order of first appearance. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Integer> indexOf = new HashMap<>();
        private final List<String> ids = new ArrayList<>();

        /** The index of the id, given now if it has none. */
        public int indexOf(String id) {
            Integer known = indexOf.get(id);
            if (known != null) {
                return known;
            }
            int index = ids.size();
            indexOf.put(id, index);
            ids.add(id);
            return index;
        }

        /** The index of the id, or -1 when it has none yet. */
        public int find(String id) {
            Integer known = indexOf.get(id);
            return known == null ? -1 : known;
        }

        public int size() {
            return ids.size();
        }

        public IdIndex build() {
            return new IdIndex(ids.toArray(String[]::new), Map.copyOf(indexOf));
        }
    }
}
