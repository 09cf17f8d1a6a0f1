package dev.grat.recommend;

import dev.grat.profile.PairChange;
import dev.grat.profile.RecentSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * How often two products were viewed together and bought together: pairs within each consenting visitor's
 * latest distinct products ({@link RecentSet}). Because the counts are a sum over visitors' current sets,
 * a visitor's contribution can be taken out exactly (erasure, withdrawn consent).
 */
public final class CoOccurrence {

    private final Matrix viewed = new Matrix();
    private final Matrix bought = new Matrix();

    /** Applies the changes of one profile update; {@code sign} -1 takes a contribution back. */
    public void apply(List<PairChange> changes, int sign) {
        for (PairChange change : changes) {
            (change.kind() == PairChange.Kind.VIEWED ? viewed : bought).apply(change.change(), sign);
        }
    }

    /** Products most often viewed together with {@code item}, best first, scored by cosine of counts. */
    public List<Neighbor> viewedWith(int item, int limit) {
        return viewed.neighbors(item, limit);
    }

    /** Products most often bought together with {@code item}, best first. */
    public List<Neighbor> boughtWith(int item, int limit) {
        return bought.neighbors(item, limit);
    }

    /** Number of distinct product pairs with a positive count (both matrices). */
    public long pairCount() {
        return viewed.pairs() + bought.pairs();
    }

    /** The count of one pair in the viewed-together matrix; for tests and export. */
    public int viewedCount(int a, int b) {
        return viewed.count(a, b);
    }

    public int boughtCount(int a, int b) {
        return bought.count(a, b);
    }

    /** A co-occurring product and its similarity in (0, 1]. */
    public record Neighbor(int item, double score, int count) {
    }

    /**
     * The {@code limit} best-scored neighbours of a row, in primitive arrays: the row of a popular product holds
     * thousands of partners and a request reads several rows, so no object is made for a partner that does not
     * make the list. The heap is {@link java.util.PriorityQueue}'s algorithm step for step (min at the root, a
     * partner replaces the minimum only when strictly better), so ties resolve exactly as they did with it.
     */
    private static final class TopNeighbors {
        private final int limit;
        private final double[] scores;
        private final int[] items;
        private final int[] counts;
        private int size;

        TopNeighbors(int limit) {
            this.limit = limit;
            this.scores = new double[Math.max(limit, 0)];
            this.items = new int[scores.length];
            this.counts = new int[scores.length];
        }

        void offer(int item, double score, int count) {
            if (size < limit) {
                siftUp(size++, item, score, count);
            } else if (limit > 0 && score > scores[0]) {
                removeMin();
                siftUp(size++, item, score, count);
            }
        }

        private void siftUp(int k, int item, double score, int count) {
            while (k > 0) {
                int parent = (k - 1) >>> 1;
                if (score >= scores[parent]) {
                    break;
                }
                move(parent, k);
                k = parent;
            }
            set(k, item, score, count);
        }

        private void removeMin() {
            int n = --size;
            int item = items[n];
            double score = scores[n];
            int count = counts[n];
            if (n == 0) {
                return;
            }
            int k = 0;
            int half = n >>> 1;
            while (k < half) {
                int child = 2 * k + 1;
                int right = child + 1;
                if (right < n && scores[child] > scores[right]) {
                    child = right;
                }
                if (score <= scores[child]) {
                    break;
                }
                move(child, k);
                k = child;
            }
            set(k, item, score, count);
        }

        private void move(int from, int to) {
            set(to, items[from], scores[from], counts[from]);
        }

        private void set(int k, int item, double score, int count) {
            items[k] = item;
            scores[k] = score;
            counts[k] = count;
        }

        /** Highest score first; ties in heap order, as the stable sort of the queue's array had them. */
        List<Neighbor> bestFirst() {
            List<Neighbor> sorted = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                sorted.add(new Neighbor(items[i], scores[i], counts[i]));
            }
            sorted.sort((x, y) -> Double.compare(y.score(), x.score()));
            return sorted;
        }
    }

    private static final class Matrix {
        private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        private IntCounts[] rows = new IntCounts[0];
        private long[] rowSums = new long[0];

        void apply(RecentSet.Change change, int sign) {
            lock.writeLock().lock();
            try {
                for (int partner : change.partners()) {
                    if (change.added() != null) {
                        bump(change.added(), partner, sign);
                    }
                    if (change.evicted() != null) {
                        bump(change.evicted(), partner, -sign);
                    }
                }
            } finally {
                lock.writeLock().unlock();
            }
        }

        private void bump(int a, int b, int delta) {
            ensure(Math.max(a, b));
            row(a).add(b, delta);
            row(b).add(a, delta);
            rowSums[a] += delta;
            rowSums[b] += delta;
        }

        private IntCounts row(int item) {
            IntCounts row = rows[item];
            if (row == null) {
                row = new IntCounts();
                rows[item] = row;
            }
            return row;
        }

        private void ensure(int item) {
            if (item >= rows.length) {
                int size = Math.max(item + 1, rows.length * 2);
                rows = Arrays.copyOf(rows, size);
                rowSums = Arrays.copyOf(rowSums, size);
            }
        }

        int count(int a, int b) {
            lock.readLock().lock();
            try {
                return a < rows.length && rows[a] != null ? rows[a].get(b) : 0;
            } finally {
                lock.readLock().unlock();
            }
        }

        List<Neighbor> neighbors(int item, int limit) {
            lock.readLock().lock();
            try {
                if (item < 0 || item >= rows.length || rows[item] == null || rowSums[item] <= 0) {
                    return List.of();
                }
                TopNeighbors best = new TopNeighbors(limit);
                double own = rowSums[item];
                long[] sums = rowSums;
                rows[item].forEach((other, count) -> best.offer(other,
                        count / Math.sqrt(own * Math.max(1, sums[other])), count));
                return best.bestFirst();
            } finally {
                lock.readLock().unlock();
            }
        }

        long pairs() {
            lock.readLock().lock();
            try {
                long n = 0;
                for (IntCounts row : rows) {
                    n += row == null ? 0 : row.positiveEntries();
                }
                return n / 2;
            } finally {
                lock.readLock().unlock();
            }
        }
    }
}
