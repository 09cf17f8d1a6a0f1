package dev.grat.profile;

import dev.grat.EngineSettings;
import dev.grat.catalog.Catalog;
import dev.grat.catalog.Item;
import dev.grat.catalog.ItemIndex;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.event.LineItem;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The profile of one visitor id, updated event by event. Guarded by its own monitor. */
final class VisitorProfile {

    private static final int RECENT_SEARCHES = 5;

    private final String visitorId;
    private final EngineSettings settings;
    private final RecentInteractions recent;
    private final AffinityScores categoryAffinity;
    private final AffinityScores brandAffinity;
    private final Map<String, Integer> purchased = new HashMap<>();
    private final Map<String, Integer> cart = new HashMap<>();
    private final ArrayDeque<String> searches = new ArrayDeque<>();
    final RecentSet viewed;
    final RecentSet bought;
    private int purchaseCount;
    private BigDecimal totalSpent = BigDecimal.ZERO;
    private double priceSum;
    private long priceCount;
    private long eventCount;
    // The first and last event times as numbers, not the events' Instants: storing a new object into this
    // long-lived profile with every event made young collections copy it and scan the profile's card.
    private long firstSecond;
    private int firstNano;
    private long lastSecond;
    private int lastNano;

    VisitorProfile(String visitorId, EngineSettings settings) {
        this.visitorId = visitorId;
        this.settings = settings;
        this.recent = new RecentInteractions(settings.recentInteractions());
        this.categoryAffinity = new AffinityScores(settings.affinityHalfLife());
        this.brandAffinity = new AffinityScores(settings.affinityHalfLife());
        this.viewed = new RecentSet(settings.coViewWindow());
        this.bought = new RecentSet(settings.coViewWindow());
    }

    /** Applies one event, reading its products from {@code catalog}; returns the co-occurrence changes it caused. */
    synchronized List<PairChange> apply(Event event, Catalog catalog) {
        eventCount++;
        Instant at = event.timestamp();
        long second = at.getEpochSecond();
        int nano = at.getNano();
        if (eventCount == 1 || earlier(second, nano, firstSecond, firstNano)) {
            firstSecond = second;
            firstNano = nano;
        }
        if (eventCount == 1 || earlier(lastSecond, lastNano, second, nano)) {
            lastSecond = second;
            lastNano = nano;
        }
        double weight = settings.weightOf(event.type());
        if (event.type() == EventType.CATEGORY_VIEW && event.categoryId() != null) {
            addAffinity(categoryAffinity, catalog.lineage(event.categoryId()), weight, at);
        }
        if (event.type() == EventType.SEARCH) {
            remember(searches, event.query(), RECENT_SEARCHES);
        }
        List<PairChange> changes = new ArrayList<>();
        switch (event.type()) {
            case ADD_TO_CART -> lines(event).forEach(l -> cart.merge(l.itemId(), l.quantity(), Integer::sum));
            case REMOVE_FROM_CART -> lines(event).forEach(l -> cart.computeIfPresent(l.itemId(),
                    (id, q) -> q - l.quantity() > 0 ? q - l.quantity() : null));
            case PURCHASE -> recordPurchase(event, changes, catalog.index());
            default -> { }
        }
        if (event.type().isItemInteraction()) {
            for (String itemId : event.productIds()) {
                int index = catalog.index().indexOf(itemId);
                interact(event.type(), index, weight, at, catalog.get(itemId).orElse(null), catalog);
                RecentSet.Change change = viewed.touch(index);
                if (change.added() != null) {
                    changes.add(new PairChange(PairChange.Kind.VIEWED, change));
                }
            }
        }
        return changes;
    }

    private void recordPurchase(Event event, List<PairChange> changes, ItemIndex index) {
        purchaseCount++;
        for (LineItem line : event.items()) {
            purchased.merge(line.itemId(), line.quantity(), Integer::sum);
            cart.remove(line.itemId());
            if (line.price() != null) {
                totalSpent = totalSpent.add(line.price().multiply(BigDecimal.valueOf(line.quantity())));
            }
            RecentSet.Change change = bought.touch(index.indexOf(line.itemId()));
            if (change.added() != null) {
                changes.add(new PairChange(PairChange.Kind.BOUGHT, change));
            }
        }
    }

    private void interact(EventType type, int index, double weight, Instant at, Item item, Catalog catalog) {
        recent.add(type, index, at);
        if (item == null) {
            return;
        }
        // The catalog's strings: a category new to this profile is then kept without a copy of its path.
        addAffinity(categoryAffinity, catalog.lineage(item.category()), weight, at);
        if (item.brand() != null) {
            addAffinity(brandAffinity, List.of(item.brand()), weight, at);
        }
        priceSum += item.price().doubleValue();
        priceCount++;
    }

    private static void addAffinity(AffinityScores affinity, List<String> keys, double weight, Instant at) {
        if (keys.isEmpty()) {
            return;
        }
        long atMillis = at.toEpochMilli();
        for (String key : keys) {
            affinity.add(key, weight, atMillis);
        }
    }

    private static List<LineItem> lines(Event event) {
        return event.items().isEmpty() ? List.of(new LineItem(event.itemId(), 1, null)) : event.items();
    }

    private static boolean earlier(long second, int nano, long otherSecond, int otherNano) {
        return second < otherSecond || second == otherSecond && nano < otherNano;
    }

    private static void remember(ArrayDeque<String> deque, String value, int capacity) {
        deque.remove(value);
        deque.addFirst(value);
        while (deque.size() > capacity) {
            deque.removeLast();
        }
    }

    /** What the profile holds now; {@code items} names the products of its interactions. */
    synchronized ProfileView view(Instant now, String customerId, ItemIndex items) {
        return new ProfileView(java.util.Set.of(visitorId), customerId, recent.newestFirst(items), decayed(categoryAffinity, now),
                decayed(brandAffinity, now), purchased, cart, purchaseCount, totalSpent,
                priceCount == 0 ? 0 : priceSum / priceCount, eventCount,
                eventCount == 0 ? null : Instant.ofEpochSecond(firstSecond, firstNano),
                eventCount == 0 ? null : Instant.ofEpochSecond(lastSecond, lastNano), List.copyOf(searches));
    }

    /** The pairs this profile holds in the co-occurrence counts, to take them out. */
    synchronized List<PairChange> contributions() {
        List<PairChange> all = new ArrayList<>();
        all.addAll(allPairs(PairChange.Kind.VIEWED, viewed.items()));
        all.addAll(allPairs(PairChange.Kind.BOUGHT, bought.items()));
        return all;
    }

    private static List<PairChange> allPairs(PairChange.Kind kind, List<Integer> items) {
        List<PairChange> pairs = new ArrayList<>();
        for (int i = 1; i < items.size(); i++) {
            pairs.add(new PairChange(kind, new RecentSet.Change(items.get(i), null,
                    items.subList(0, i).stream().mapToInt(Integer::intValue).toArray())));
        }
        return pairs;
    }

    private static Map<String, Double> decayed(AffinityScores scores, Instant now) {
        Map<String, Double> values = new HashMap<>();
        scores.forEachValueAt(now.toEpochMilli(), (key, v) -> {
            if (v > 0) {
                values.put(key, v);
            }
        });
        return values;
    }
}
