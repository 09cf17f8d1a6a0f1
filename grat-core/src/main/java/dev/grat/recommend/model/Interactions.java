package dev.grat.recommend.model;

import java.util.Arrays;

/**
 * An immutable sparse user-by-item matrix of interaction strengths (summed event weights), stored both by
 * user (compressed rows) and by item (compressed columns), so that models can walk either side fast.
 * Within a row, items are in ascending index order; within a column, users are.
 */
public final class Interactions {

    private final IdIndex users;
    private final IdIndex items;
    private final int[] userStart;
    private final int[] userItems;
    private final float[] userValues;
    private final int[] itemStart;
    private final int[] itemUsers;
    private final float[] itemValues;

    private Interactions(IdIndex users, IdIndex items, int[] userStart, int[] userItems, float[] userValues) {
        this.users = users;
        this.items = items;
        this.userStart = userStart;
        this.userItems = userItems;
        this.userValues = userValues;
        this.itemStart = new int[items.size() + 1];
        this.itemUsers = new int[userItems.length];
        this.itemValues = new float[userItems.length];
        transpose();
    }

    /** Fills the by-item arrays from the by-user ones; walking users in order keeps each column sorted. */
    private void transpose() {
        for (int item : userItems) {
            itemStart[item + 1]++;
        }
        for (int i = 0; i < items.size(); i++) {
            itemStart[i + 1] += itemStart[i];
        }
        int[] next = Arrays.copyOf(itemStart, items.size());
        for (int u = 0; u < users.size(); u++) {
            for (int p = userStart[u]; p < userStart[u + 1]; p++) {
                int slot = next[userItems[p]]++;
                itemUsers[slot] = u;
                itemValues[slot] = userValues[p];
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public IdIndex users() {
        return users;
    }

    public IdIndex items() {
        return items;
    }

    public int userCount() {
        return users.size();
    }

    public int itemCount() {
        return items.size();
    }

    /** The number of stored (user, item) pairs. */
    public int nonZeros() {
        return userItems.length;
    }

    /** How many items the user interacted with. */
    public int userDegree(int user) {
        return userStart[user + 1] - userStart[user];
    }

    /** How many users interacted with the item. */
    public int itemDegree(int item) {
        return itemStart[item + 1] - itemStart[item];
    }

    /** The user's row as a history: item indices ascending, with their strengths. */
    public UserHistory historyOf(int user) {
        int from = userStart[user];
        int to = userStart[user + 1];
        return new UserHistory(Arrays.copyOfRange(userItems, from, to), Arrays.copyOfRange(userValues, from, to));
    }

    // Raw compressed arrays for the trainers of this package; never handed out.
    int[] userStart() {
        return userStart;
    }

    int[] userItems() {
        return userItems;
    }

    float[] userValues() {
        return userValues;
    }

    int[] itemStart() {
        return itemStart;
    }

    int[] itemUsers() {
        return itemUsers;
    }

    float[] itemValues() {
        return itemValues;
    }

    @Override
    public String toString() {
        return "Interactions[users=" + userCount() + ", items=" + itemCount() + ", nonZeros=" + nonZeros() + "]";
    }

    /**
     * Collects (user, item, weight) triples; repeated pairs are summed, then capped at {@link #maxValue}.
     * Pairs whose sum is not positive are left out. Not thread-safe.
     */
    public static final class Builder {
        private final IdIndex.Builder users = new IdIndex.Builder();
        private final IdIndex.Builder items = new IdIndex.Builder();
        private int[] rows = new int[1024];
        private int[] cols = new int[1024];
        private double[] weights = new double[1024];
        private int size;
        private double maxValue = Double.POSITIVE_INFINITY;

        private Builder() {
        }

        /** Caps the summed strength of one pair, so that a hundred views do not outweigh everything else. */
        public Builder maxValue(double value) {
            if (!(value > 0)) {
                throw new IllegalArgumentException("maxValue must be positive, was " + value);
            }
            this.maxValue = value;
            return this;
        }

        /** Adds an interaction of this strength; repeated pairs add up. */
        public Builder add(String user, String item, double weight) {
            if (user == null) {
                throw new IllegalArgumentException("user must not be null");
            }
            if (item == null) {
                throw new IllegalArgumentException("item must not be null");
            }
            if (!Double.isFinite(weight)) {
                throw new IllegalArgumentException("weight must be finite, was " + weight + " for user '" + user
                        + "' and item '" + item + "'");
            }
            if (size == rows.length) {
                rows = Arrays.copyOf(rows, size * 2);
                cols = Arrays.copyOf(cols, size * 2);
                weights = Arrays.copyOf(weights, size * 2);
            }
            rows[size] = users.indexOf(user);
            cols[size] = items.indexOf(item);
            weights[size] = weight;
            size++;
            return this;
        }

        /** Makes sure the item is a column of the matrix even if nobody interacted with it. */
        public Builder addItem(String item) {
            items.indexOf(item);
            return this;
        }

        public Interactions build() {
            int userCount = users.size();
            int[] order = orderByUserThenItem(userCount);
            int[] start = new int[userCount + 1];
            int[] outItems = new int[size];
            float[] outValues = new float[size];
            int n = 0;
            for (int k = 0; k < size; ) {
                int user = rows[order[k]];
                int item = cols[order[k]];
                double sum = 0;
                while (k < size && rows[order[k]] == user && cols[order[k]] == item) {
                    sum += weights[order[k]];
                    k++;
                }
                if (sum > 0) {
                    outItems[n] = item;
                    outValues[n] = (float) Math.min(sum, maxValue);
                    start[user + 1]++;
                    n++;
                }
            }
            for (int u = 0; u < userCount; u++) {
                start[u + 1] += start[u];
            }
            return new Interactions(users.build(), items.build(), start, Arrays.copyOf(outItems, n),
                    Arrays.copyOf(outValues, n));
        }

        /** Entry positions sorted by (user, item): a counting sort on users, then a sort within each row. */
        private int[] orderByUserThenItem(int userCount) {
            int[] offset = new int[userCount + 1];
            for (int k = 0; k < size; k++) {
                offset[rows[k] + 1]++;
            }
            for (int u = 0; u < userCount; u++) {
                offset[u + 1] += offset[u];
            }
            int[] next = Arrays.copyOf(offset, userCount);
            int[] order = new int[size];
            for (int k = 0; k < size; k++) {
                order[next[rows[k]]++] = k;
            }
            long[] keyed = new long[0];
            for (int u = 0; u < userCount; u++) {
                int from = offset[u];
                int to = offset[u + 1];
                if (to - from > 1) {
                    if (keyed.length < to - from) {
                        keyed = new long[to - from];
                    }
                    for (int k = from; k < to; k++) {
                        keyed[k - from] = (long) cols[order[k]] << 32 | order[k];
                    }
                    Arrays.sort(keyed, 0, to - from);
                    for (int k = from; k < to; k++) {
                        order[k] = (int) keyed[k - from];
                    }
                }
            }
            return order;
        }
    }
}
