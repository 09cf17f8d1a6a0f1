package dev.grat.recommend;

import dev.grat.catalog.Item;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Scores gathered from several sources for one request; each item keeps the reason of its largest share.
 * Reasons are kept in two parts and joined only for the items returned, since most candidates are dropped.
 */
final class Candidates {

    private final Map<String, Entry> entries = new HashMap<>();
    private final Predicate<Item> eligible;

    Candidates(Predicate<Item> eligible) {
        this.eligible = eligible;
    }

    /** Adds {@code score} to the item if it is eligible; returns whether it was. */
    boolean add(Item item, double score, String reason) {
        return add(item, score, reason, null);
    }

    /** Like {@link #add(Item, double, String)} with the reason {@code prefix + subject}. */
    boolean add(Item item, double score, String prefix, String subject) {
        if (item == null || score <= 0 || !eligible.test(item)) {
            return false;
        }
        Entry entry = entries.computeIfAbsent(item.id(), id -> new Entry());
        entry.score += score;
        if (score > entry.bestShare) {
            entry.bestShare = score;
            entry.prefix = prefix;
            entry.subject = subject;
        }
        return true;
    }

    int size() {
        return entries.size();
    }

    boolean contains(String itemId) {
        return entries.containsKey(itemId);
    }

    /** The ids gathered so far. */
    Set<String> ids() {
        return Set.copyOf(entries.keySet());
    }

    /** The best {@code n}, highest score first, ties by id so answers are stable. */
    List<ScoredItem> top(int n) {
        PriorityQueue<Map.Entry<String, Entry>> best = new PriorityQueue<>(n + 1, Candidates::compareWorstFirst);
        for (Map.Entry<String, Entry> entry : entries.entrySet()) {
            best.add(entry);
            if (best.size() > n) {
                best.poll();
            }
        }
        List<ScoredItem> top = new ArrayList<>(best.size());
        while (!best.isEmpty()) {
            Map.Entry<String, Entry> entry = best.poll();
            Entry e = entry.getValue();
            top.add(new ScoredItem(entry.getKey(), Math.round(e.score * 10_000) / 10_000.0,
                    e.subject == null ? e.prefix : e.prefix + e.subject));
        }
        return top.reversed();
    }

    private static int compareWorstFirst(Map.Entry<String, Entry> a, Map.Entry<String, Entry> b) {
        double sa = Math.round(a.getValue().score * 10_000) / 10_000.0;
        double sb = Math.round(b.getValue().score * 10_000) / 10_000.0;
        return sa != sb ? Double.compare(sa, sb) : b.getKey().compareTo(a.getKey());
    }

    private static final class Entry {
        double score;
        double bestShare;
        String prefix;
        String subject;
    }
}
