package dev.grat.recommend;

import dev.grat.profile.PairChange;
import dev.grat.profile.RecentSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
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
                PriorityQueue<Neighbor> best = new PriorityQueue<>((x, y) -> Double.compare(x.score(), y.score()));
                double own = rowSums[item];
                rows[item].forEach((other, count) -> {
                    double score = count / Math.sqrt(own * Math.max(1, rowSums[other]));
                    if (best.size() < limit) {
                        best.add(new Neighbor(other, score, count));
                    } else if (score > best.peek().score()) {
                        best.poll();
                        best.add(new Neighbor(other, score, count));
                    }
                });
                List<Neighbor> sorted = new ArrayList<>(best);
                sorted.sort((x, y) -> Double.compare(y.score(), x.score()));
                return sorted;
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
