package dev.grat.recommend;

import dev.grat.EngineSettings;
import dev.grat.catalog.Catalog;
import dev.grat.catalog.CategoryPaths;
import dev.grat.catalog.Item;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.event.LineItem;
import dev.grat.profile.DecayingScore;
import dev.grat.store.AnonymousTally;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time-decayed popularity of products and categories, from every event: anonymous counts and consenting
 * visitors' events alike. Nothing in it points to a visitor.
 */
public final class Popularity {

    private final EngineSettings settings;
    private final Catalog catalog;
    private final Clock clock;
    private final Map<String, DecayingScore> items = new ConcurrentHashMap<>();
    private final Map<String, DecayingScore> categories = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Ranking ranking = new Ranking(List.of(), Map.of(), Map.of(), Map.of(), -1, 0);

    public Popularity(EngineSettings settings, Catalog catalog, Clock clock) {
        this.settings = settings;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Counts an event; {@code sign} -1 takes a counted event back (erasure). */
    public void add(Event event, int sign) {
        add(event, sign, event.timestamp());
    }

    /**
     * Counts an anonymous event as the tallies it is stored as ({@link AnonymousTally#of}): at the start of its hour,
     * once per product. So the count in memory is exactly what a restart (or another node) rebuilds from the tallies,
     * and what a retention run takes out again; counted at its own time, it would decay differently from them.
     */
    public void addAnonymous(Event event) {
        AnonymousTally.of(event).forEach(this::addTally);
    }

    private void add(Event event, int sign, Instant at) {
        double weight = settings.weightOf(event.type()) * sign;
        if (weight == 0) {
            return;
        }
        if (event.type() == EventType.CATEGORY_VIEW && event.categoryId() != null) {
            score(categories, event.categoryId()).add(weight, at);
        }
        if (!event.items().isEmpty()) {
            for (LineItem line : event.items()) {
                addItem(line.itemId(), weight * Math.min(line.quantity(), 10), at);
            }
        } else if (event.itemId() != null) {
            addItem(event.itemId(), weight, at);
        }
        version.incrementAndGet();
    }

    /** Counts an anonymous tally as if its events happened at the start of its hour. */
    public void addTally(AnonymousTally tally) {
        double weight = settings.weightOf(tally.type()) * tally.count();
        if (weight == 0) {
            return;
        }
        if (tally.itemId() != null) {
            addItem(tally.itemId(), weight, tally.hour());
        } else if (tally.categoryId() != null && tally.type() == EventType.CATEGORY_VIEW) {
            score(categories, tally.categoryId()).add(weight, tally.hour());
        }
        version.incrementAndGet();
    }

    private void addItem(String itemId, double weight, Instant at) {
        score(items, itemId).add(weight, at);
    }

    private DecayingScore score(Map<String, DecayingScore> scores, String key) {
        return scores.computeIfAbsent(key, k -> new DecayingScore(settings.popularityHalfLife()));
    }

    /** The decayed popularity of one product now. */
    public double of(String itemId) {
        DecayingScore score = items.get(itemId);
        if (score == null) {
            return 0;
        }
        return score.valueAt(clock.instant());
    }

    /**
     * Every catalog product with a positive popularity, most popular first. Decay scales all products alike,
     * so the order changes only with new events. While events arrive, the ranking is recomputed at most once per
     * {@code popularityRefresh}, in the background: a request gets the last ranking at once instead of paying for
     * the sort of the whole catalog (which made every few hundredth recommendation slow under ingestion). So while
     * requests keep coming, the ranking lags the events by at most the refresh interval plus one computation; after
     * a quiet spell, the first request gets the last ranking and starts the new one. Only the first ranking, and
     * every ranking with a refresh interval of zero (exact, for tests), is computed by the caller.
     */
    public Ranking ranking() {
        Ranking current = ranking;
        long seen = version.get();
        if (current.version() == seen) {
            return current;
        }
        long refresh = settings.popularityRefresh().toNanos();
        if (refresh == 0 || current.version() < 0) {
            return publish(compute(seen, System.nanoTime()));
        }
        if (System.nanoTime() - current.computedAtNanos() >= refresh && refreshing.compareAndSet(false, true)) {
            Thread.ofVirtual().name("grat-popularity-ranking").start(this::refreshInBackground);
        }
        return current;
    }

    private void refreshInBackground() {
        try {
            publish(compute(version.get(), System.nanoTime()));
        } finally {
            refreshing.set(false);
        }
    }

    /** Keeps the newer of the published and the given ranking: a slow computation must not replace a later one. */
    private synchronized Ranking publish(Ranking computed) {
        if (computed.version() >= ranking.version()) {
            ranking = computed;
        }
        return ranking;
    }

    private Ranking compute(long seenVersion, long nowNanos) {
        Instant now = clock.instant();
        List<Scored> scored = new ArrayList<>();
        for (Item item : catalog.all()) {
            DecayingScore score = items.get(item.id());
            double value = score == null ? 0 : score.valueAt(now);
            if (value > 0) {
                scored.add(new Scored(item, value));
            }
        }
        scored.sort(Scored.BEST_FIRST);
        Map<String, Double> scores = HashMap.newHashMap(scored.size());
        List<String> ids = new ArrayList<>(scored.size());
        Map<String, List<Item>> byCategory = new HashMap<>();
        Map<String, List<Item>> byBrand = new HashMap<>();
        for (Scored entry : scored) {
            Item item = entry.item();
            ids.add(item.id());
            scores.put(item.id(), entry.score());
            keepTop(byCategory, item.category(), item);
            if (item.brand() != null) {
                keepTop(byBrand, item.brand(), item);
            }
        }
        return new Ranking(Collections.unmodifiableList(ids), Collections.unmodifiableMap(scores), byCategory, byBrand,
                seenVersion, nowNanos);
    }

    private record Scored(Item item, double score) {
        static final Comparator<Scored> BEST_FIRST = Comparator.comparingDouble(Scored::score).reversed()
                .thenComparing(s -> s.item().id());
    }

    private static void keepTop(Map<String, List<Item>> lists, String key, Item item) {
        List<Item> list = lists.computeIfAbsent(key, k -> new ArrayList<>());
        if (list.size() < Ranking.PER_GROUP) {
            list.add(item);
        }
    }

    /** How popular a category and everything below it is now: its products plus views of its pages. */
    public double ofCategory(String category) {
        Instant now = clock.instant();
        double sum = 0;
        for (Map.Entry<String, DecayingScore> entry : categories.entrySet()) {
            if (CategoryPaths.isWithin(entry.getKey(), category)) {
                sum += entry.getValue().valueAt(now);
            }
        }
        Ranking current = ranking();
        for (String id : current.ids()) {
            Item item = catalog.get(id).orElse(null);
            if (item != null && CategoryPaths.isWithin(item.category(), category)) {
                sum += current.scores().get(id);
            }
        }
        return sum;
    }

    /**
     * A snapshot of product popularity: ids best first, with their scores at the time it was taken, and the most
     * popular items of each category (exact path) and brand, at most {@link #PER_GROUP} each, so that a request
     * can take a category's best items without scanning the category.
     */
    public record Ranking(List<String> ids, Map<String, Double> scores, Map<String, List<Item>> topByCategory,
                          Map<String, List<Item>> topByBrand, long version, long computedAtNanos) {

        /** Items kept per category and per brand. */
        public static final int PER_GROUP = 100;

        /** The most popular items whose category is exactly {@code category}, best first. */
        public List<Item> topInCategory(String category) {
            return topByCategory.getOrDefault(category, List.of());
        }

        /** The most popular items of a brand, best first. */
        public List<Item> topOfBrand(String brand) {
            return topByBrand.getOrDefault(brand, List.of());
        }

        /** The best score, to scale others into [0, 1]. */
        public double top() {
            return ids.isEmpty() ? 0 : scores.get(ids.getFirst());
        }
    }
}
