package dev.grat.recommend;

import dev.grat.catalog.Item;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Scores gathered from several sources for one request; each item keeps the reason of its largest share.
 * Reasons are kept in two parts and joined only for the items returned, since most candidates are dropped.
 * An item's eligibility is tested once, when it is first offered: a request offers the same item several times
 * (each source, then the popularity prior), and with a large catalogue the test's reads of the item are cache
 * misses that the profile showed to cost more than the scoring.
 */
final class Candidates {

    private final Map<String, Entry> entries = new HashMap<>();
    private final Predicate<Item> eligible;
    private int accepted;

    Candidates(Predicate<Item> eligible) {
        this.eligible = eligible;
    }

    /** Adds {@code score} to the item if it is eligible; returns whether it was. */
    boolean add(Item item, double score, String reason) {
        return add(item, score, reason, null);
    }

    /** Like {@link #add(Item, double, String)} with the reason {@code prefix + subject}. */
    boolean add(Item item, double score, String prefix, String subject) {
        if (item == null || score <= 0) {
            return false;
        }
        Entry entry = entries.get(item.id());
        if (entry == null) {
            entry = new Entry(item, eligible.test(item));
            entries.put(item.id(), entry);
            accepted += entry.eligible ? 1 : 0;
        }
        if (!entry.eligible) {
            return false;
        }
        entry.add(score, prefix, subject);
        return true;
    }

    /** The number of eligible items gathered. */
    int size() {
        return accepted;
    }

    boolean contains(String itemId) {
        Entry entry = entries.get(itemId);
        return entry != null && entry.eligible;
    }

    /** The ids gathered so far. */
    Set<String> ids() {
        Set<String> ids = new java.util.HashSet<>();
        entries.forEach((id, entry) -> {
            if (entry.eligible) {
                ids.add(id);
            }
        });
        return ids;
    }

    /**
     * Adds to every item gathered so far the share {@code share} gives it (nothing when it gives 0 or less), with
     * that reason: the same as offering each of them again through {@link #add}, without looking them up.
     */
    void addToEach(ToDoubleFunction<Item> share, String reason) {
        for (Entry entry : entries.values()) {
            if (entry.eligible) {
                double score = share.applyAsDouble(entry.item);
                if (score > 0) {
                    entry.add(score, reason, null);
                }
            }
        }
    }

    /** The best {@code n}, highest score first, ties by id so answers are stable. */
    List<ScoredItem> top(int n) {
        PriorityQueue<Entry> best = new PriorityQueue<>(n + 1, Candidates::compareWorstFirst);
        for (Entry entry : entries.values()) {
            if (!entry.eligible) {
                continue;
            }
            if (best.size() < n) {
                best.add(entry);
            } else if (compareWorstFirst(entry, best.peek()) > 0) {
                best.poll();
                best.add(entry);
            }
        }
        List<ScoredItem> top = new ArrayList<>(best.size());
        while (!best.isEmpty()) {
            Entry e = best.poll();
            top.add(new ScoredItem(e.item.id(), e.rounded, e.subject == null ? e.prefix : e.prefix + e.subject));
        }
        return top.reversed();
    }

    private static int compareWorstFirst(Entry a, Entry b) {
        return a.rounded != b.rounded ? Double.compare(a.rounded, b.rounded) : b.item.id().compareTo(a.item.id());
    }

    private static final class Entry {
        final Item item;
        final boolean eligible;
        double score;
        /** The score as answered (4 decimals), kept up to date so that ranking does not round on every comparison. */
        double rounded;
        double bestShare;
        String prefix;
        String subject;

        Entry(Item item, boolean eligible) {
            this.item = item;
            this.eligible = eligible;
        }

        void add(double share, String prefix, String subject) {
            score += share;
            rounded = Math.round(score * 10_000) / 10_000.0;
            if (share > bestShare) {
                bestShare = share;
                this.prefix = prefix;
                this.subject = subject;
            }
        }
    }
}
