package dev.grat.recommend;

import dev.grat.catalog.Item;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Scores gathered from several sources for one request; each item keeps the reason of its largest share. */
final class Candidates {

    private final Map<String, Entry> entries = new HashMap<>();
    private final Predicate<Item> eligible;

    Candidates(Predicate<Item> eligible) {
        this.eligible = eligible;
    }

    /** Adds {@code score} to the item if it is eligible; returns whether it was. */
    boolean add(Item item, double score, String reason) {
        if (item == null || score <= 0 || !eligible.test(item)) {
            return false;
        }
        Entry entry = entries.computeIfAbsent(item.id(), id -> new Entry());
        entry.score += score;
        if (score > entry.bestShare) {
            entry.bestShare = score;
            entry.reason = reason;
        }
        return true;
    }

    int size() {
        return entries.size();
    }

    boolean contains(String itemId) {
        return entries.containsKey(itemId);
    }

    /** The best {@code n}, highest score first, ties by id so answers are stable. */
    List<ScoredItem> top(int n) {
        List<ScoredItem> all = new ArrayList<>(entries.size());
        entries.forEach((id, e) -> all.add(new ScoredItem(id, Math.round(e.score * 10_000) / 10_000.0, e.reason)));
        all.sort((a, b) -> a.score() != b.score() ? Double.compare(b.score(), a.score()) : a.id().compareTo(b.id()));
        return all.size() > n ? List.copyOf(all.subList(0, n)) : all;
    }

    private static final class Entry {
        double score;
        double bestShare;
        String reason;
    }
}
