package dev.grat.bench;

import dev.grat.catalog.Item;
import dev.grat.consent.ConsentChange;
import dev.grat.consent.Purpose;
import dev.grat.event.Channel;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.event.LineItem;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * A generated benchmark workload: a catalog in up to 100 categories, and visitors whose sessions over the
 * last 30 days view, cart and buy products with Zipf-skewed popularity, mostly in one favourite category.
 * About 70% of the visitors consent to analytics and personalization; the others' events take the anonymous
 * path. The same seed gives the same workload (timestamps are relative to the {@code now} given).
 */
public final class Workload {

    /** Share of visitors who consent; the others are tracked as anonymous counts only. */
    public static final double CONSENTING_SHARE = 0.70;
    public static final ConsentChange CONSENT = new ConsentChange(
            Map.of(Purpose.ANALYTICS, true, Purpose.PERSONALIZATION, true), "bench", "1", false);

    private static final double POPULARITY_EXPONENT = 1.0;
    private static final double FAVOURITE_CATEGORY_SHARE = 0.65;
    private static final Duration HISTORY = Duration.ofDays(30);

    private final int visitors;
    private final long seed;
    private final List<Item> items = new ArrayList<>();
    /** Item positions in the catalog, most popular first. */
    private final int[] byPopularity;
    private final ZipfSampler popularity;
    private final List<String> categories = new ArrayList<>();
    private final Map<String, int[]> categoryItems = new LinkedHashMap<>();
    private final Map<String, ZipfSampler> categoryPopularity = new LinkedHashMap<>();

    public Workload(int itemCount, int visitors, long seed) {
        this.visitors = visitors;
        this.seed = seed;
        int categoryCount = Math.max(1, Math.min(100, itemCount / 20));
        for (int c = 0; c < categoryCount; c++) {
            categories.add("Department" + (c / 10) + "/Category" + c);
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < itemCount; i++) {
            String category = categories.get(i % categoryCount);
            BigDecimal price = BigDecimal.valueOf(500 + random.nextInt(50_000), 2);
            items.add(new Item("item-" + i, "Product " + i, category, "Brand" + random.nextInt(40), price,
                    random.nextDouble() >= 0.05, Map.of("colour", "colour" + random.nextInt(12))));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < itemCount; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        byPopularity = order.stream().mapToInt(Integer::intValue).toArray();
        popularity = new ZipfSampler(itemCount, POPULARITY_EXPONENT);
        for (String category : categories) {
            int[] members = java.util.Arrays.stream(byPopularity)
                    .filter(i -> items.get(i).category().equals(category)).toArray();
            categoryItems.put(category, members);
            categoryPopularity.put(category, new ZipfSampler(Math.max(1, members.length), POPULARITY_EXPONENT));
        }
    }

    public List<Item> catalog() {
        return items;
    }

    public int visitors() {
        return visitors;
    }

    public static String visitorId(int visitor) {
        return "bv-" + visitor;
    }

    public boolean consents(int visitor) {
        return randomOf(visitor).nextDouble() < CONSENTING_SHARE;
    }

    /** The id of the item at a popularity rank (0 is the most popular). */
    public String itemAtRank(int rank) {
        return items.get(byPopularity[rank]).id();
    }

    /** Every visitor's events, in batches of {@code batchSize}, visitor after visitor. */
    public List<List<Event>> batches(int batchSize, Instant now) {
        List<List<Event>> batches = new ArrayList<>();
        List<Event> batch = new ArrayList<>(batchSize);
        for (int visitor = 0; visitor < visitors; visitor++) {
            for (Event event : eventsOf(visitor, now)) {
                batch.add(event);
                if (batch.size() == batchSize) {
                    batches.add(List.copyOf(batch));
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            batches.add(List.copyOf(batch));
        }
        return batches;
    }

    /** One visitor's sessions: category views, product views, carts and purchases. */
    public List<Event> eventsOf(int visitor, Instant now) {
        SplittableRandom random = randomOf(visitor);
        random.nextDouble(); // the consent draw
        String favourite = categories.get(random.nextInt(categories.size()));
        int sessions = 1 + (random.nextDouble() < 0.5 ? 1 : 0) + (random.nextDouble() < 0.2 ? 1 : 0);
        List<Event> events = new ArrayList<>();
        EventWriter writer = new EventWriter(visitorId(visitor), events);
        for (int s = 0; s < sessions; s++) {
            writer.time = now.minusSeconds(3600 + random.nextLong(HISTORY.toSeconds() - 3600));
            if (random.nextDouble() < 0.5) {
                writer.add(EventType.CATEGORY_VIEW, random).categoryId(favourite);
            }
            List<LineItem> cart = new ArrayList<>();
            int views = random.nextInt(2, 7);
            for (int v = 0; v < views; v++) {
                Item item = random.nextDouble() < FAVOURITE_CATEGORY_SHARE
                        ? items.get(categoryItems.get(favourite)[categoryPopularity.get(favourite).next(random)])
                        : items.get(byPopularity[popularity.next(random)]);
                writer.add(EventType.PRODUCT_VIEW, random).itemId(item.id()).categoryId(item.category());
                if (item.available() && random.nextDouble() < 0.1) {
                    LineItem line = new LineItem(item.id(), 1, item.price());
                    cart.add(line);
                    writer.add(EventType.ADD_TO_CART, random).itemId(item.id()).items(List.of(line)).currency("EUR");
                }
            }
            if (!cart.isEmpty() && random.nextDouble() < 0.4) {
                writer.add(EventType.PURCHASE, random).items(cart).currency("EUR");
            }
        }
        writer.flush();
        return events;
    }

    private SplittableRandom randomOf(int visitor) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + visitor);
    }

    /** Builds one visitor's events with ids and advancing timestamps. */
    private static final class EventWriter {
        private final String visitorId;
        private final List<Event> events;
        private Event.Builder pending;
        private Instant time;
        private int next;

        EventWriter(String visitorId, List<Event> events) {
            this.visitorId = visitorId;
            this.events = events;
        }

        Event.Builder add(EventType type, SplittableRandom random) {
            flush();
            time = time.plusSeconds(5 + random.nextInt(90));
            pending = Event.builder().id(visitorId + "-" + next++).type(type).visitorId(visitorId)
                    .channel(Channel.WEB).timestamp(time);
            return pending;
        }

        void flush() {
            if (pending != null) {
                events.add(pending.build());
                pending = null;
            }
        }
    }
}
