package dev.grat.recommend.model;

import java.util.function.IntPredicate;

/**
 * Selection of the best-scored items with a bounded min-heap: O(n log k), no sort of the whole array. The order is
 * total (higher score first, ties to the lower index), so the result does not depend on the order items are offered
 * in; {@link AlsModel#best} relies on that to offer them in its own order and stop early.
 */
public final class TopK {

    private final int[] items;
    private final float[] scores;
    private int size;

    /** An empty selection of at most {@code k} items. */
    public TopK(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must not be negative, was " + k);
        }
        this.items = new int[k];
        this.scores = new float[k];
    }

    /**
     * The indices of the {@code k} highest scores, best first; ties go to the lower index. Items for which
     * {@code skip} is true and NaN scores are left out.
     */
    public static int[] select(float[] scores, int k, IntPredicate skip) {
        TopK top = new TopK(Math.min(k, scores.length));
        for (int item = 0; item < scores.length; item++) {
            float score = scores[item];
            if (!Float.isNaN(score) && !skip.test(item)) {
                top.offer(item, score);
            }
        }
        return top.result().items();
    }

    /** Keeps the item if it is among the best {@code k} offered so far; NaN scores are never kept. */
    public void offer(int item, float score) {
        if (Float.isNaN(score) || items.length == 0) {
            return;
        }
        if (size < items.length) {
            items[size] = item;
            scores[size] = score;
            siftUp(size++);
        } else if (better(item, score, items[0], scores[0])) {
            items[0] = item;
            scores[0] = score;
            siftDown(size);
        }
    }

    /** Whether {@code k} items are kept, so that {@link #worstScore()} is the bar a new item must pass. */
    public boolean isFull() {
        return size == items.length;
    }

    /** The lowest score kept; only once something was offered. */
    public float worstScore() {
        return scores[0];
    }

    /** The items kept, best first, with their scores. Consumes the selection. */
    public Picks result() {
        for (int end = size - 1; end > 0; end--) {
            swap(0, end);
            siftDown(end);
        }
        int[] bestItems = java.util.Arrays.copyOf(items, size);
        float[] bestScores = java.util.Arrays.copyOf(scores, size);
        size = 0;
        return new Picks(bestItems, bestScores);
    }

    private static boolean better(int a, float scoreA, int b, float scoreB) {
        return scoreA > scoreB || scoreA == scoreB && a < b;
    }

    private boolean better(int at, int other) {
        return better(items[at], scores[at], items[other], scores[other]);
    }

    private void siftUp(int at) {
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!better(parent, at)) {
                return;
            }
            swap(parent, at);
            at = parent;
        }
    }

    private void siftDown(int limit) {
        int at = 0;
        while (true) {
            int left = 2 * at + 1;
            if (left >= limit) {
                return;
            }
            int worse = left + 1 < limit && better(left, left + 1) ? left + 1 : left;
            if (!better(at, worse)) {
                return;
            }
            swap(at, worse);
            at = worse;
        }
    }

    private void swap(int a, int b) {
        int item = items[a];
        items[a] = items[b];
        items[b] = item;
        float score = scores[a];
        scores[a] = scores[b];
        scores[b] = score;
    }

    /**
     * Chosen items, best first, and their scores.
     *
     * @param items  model item indices, best first
     * @param scores the score of each, in the same order
     */
    public record Picks(int[] items, float[] scores) {

        public int size() {
            return items.length;
        }

        public int item(int rank) {
            return items[rank];
        }

        public float score(int rank) {
            return scores[rank];
        }
    }
}
