package dev.grat.recommend.model;

import java.util.Arrays;
import java.util.function.IntPredicate;

/** Selection of the best-scored items with a bounded min-heap: O(n log k), no sort of the whole array. */
public final class TopK {

    private TopK() {
    }

    /**
     * The indices of the {@code k} highest scores, best first; ties go to the lower index. Items for which
     * {@code skip} is true and NaN scores are left out.
     */
    public static int[] select(float[] scores, int k, IntPredicate skip) {
        if (k < 0) {
            throw new IllegalArgumentException("k must not be negative, was " + k);
        }
        int[] heap = new int[Math.min(k, scores.length)];
        int size = 0;
        for (int item = 0; item < scores.length; item++) {
            float score = scores[item];
            if (Float.isNaN(score) || skip.test(item)) {
                continue;
            }
            if (size < heap.length) {
                heap[size] = item;
                siftUp(heap, size++, scores);
            } else if (size > 0 && better(item, heap[0], scores)) {
                heap[0] = item;
                siftDown(heap, size, scores);
            }
        }
        int[] best = Arrays.copyOf(heap, size);
        for (int end = size - 1; end > 0; end--) {
            int worst = best[0];
            best[0] = best[end];
            best[end] = worst;
            siftDown(best, end, scores);
        }
        return best;
    }

    private static boolean better(int a, int b, float[] scores) {
        return scores[a] > scores[b] || scores[a] == scores[b] && a < b;
    }

    private static void siftUp(int[] heap, int at, float[] scores) {
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!better(heap[parent], heap[at], scores)) {
                return;
            }
            swap(heap, parent, at);
            at = parent;
        }
    }

    private static void siftDown(int[] heap, int size, float[] scores) {
        int at = 0;
        while (true) {
            int left = 2 * at + 1;
            if (left >= size) {
                return;
            }
            int worse = left + 1 < size && better(heap[left], heap[left + 1], scores) ? left + 1 : left;
            if (!better(heap[at], heap[worse], scores)) {
                return;
            }
            swap(heap, at, worse);
            at = worse;
        }
    }

    private static void swap(int[] heap, int a, int b) {
        int t = heap[a];
        heap[a] = heap[b];
        heap[b] = t;
    }
}
