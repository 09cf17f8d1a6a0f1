package dev.grat.server.demo;

import dev.grat.catalog.Item;
import dev.grat.event.Channel;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.event.LineItem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Draws simulated visitors and writes their shopping sessions as events: a landing page, newsletter clicks
 * for those who get newsletters, category views, searches, product views mostly in their taste, carts that
 * grow and shrink, and purchases with line items in EUR.
 */
final class ShopperSimulator {

    static final String CURRENCY = "EUR";
    /** History sessions start at least this long before now, so that no event of a session lies in the future. */
    static final Duration LATEST_SESSION_START = Duration.ofHours(3);

    private static final double KNOWN_CUSTOMER_SHARE = 0.30;
    private static final double APP_FIRST_SHARE = 0.25;
    private static final double SECOND_DEVICE_SESSION_SHARE = 0.40;
    private static final double NEWSLETTER_SESSION_SHARE = 0.30;
    private static final double CATEGORY_VIEW_SHARE = 0.60;
    private static final double SEARCH_SHARE = 0.30;
    private static final double ADD_TO_CART_CHANCE = 0.12;
    private static final double FAVOURITE_BRAND_CART_BONUS = 0.10;
    private static final double REMOVE_FROM_CART_CHANCE = 0.06;
    private static final double CHECKOUT_CHANCE = 0.55;
    private static final int MAX_SESSIONS = 8;

    private final ItemPicker picker;

    ShopperSimulator(ItemPicker picker) {
        this.picker = picker;
    }

    /** Draws a visitor: consent answer, devices, tastes. */
    Shopper shopper(SplittableRandom random) {
        String visitorId = uuid(random);
        ConsentChoice consent = ConsentChoice.draw(random.nextDouble());
        boolean known = consent.personalizes() && random.nextDouble() < KNOWN_CUSTOMER_SHARE;
        String category = picker.categories().get(random.nextInt(picker.categories().size()));
        List<String> brands = picker.itemsOf(category).stream().map(Item::brand).distinct().sorted().toList();
        double priceSensitivity = 2 * Math.pow(random.nextDouble(), 1.5);
        Channel primary = random.nextDouble() < APP_FIRST_SHARE ? Channel.APP : Channel.WEB;
        return new Shopper(visitorId, known ? uuid(random) : null,
                known ? "cust-" + visitorId.substring(0, 8) : null, consent, category,
                brands.get(random.nextInt(brands.size())), priceSensitivity, primary);
    }

    /** The visitor's sessions over the {@code window} before {@code now}, oldest first. */
    List<Event> history(Shopper shopper, Instant now, Duration window, SplittableRandom random,
                        Supplier<String> ids) {
        int sessions = 1;
        while (sessions < MAX_SESSIONS && random.nextDouble() < 0.55) {
            sessions++;
        }
        long earliest = window.minus(LATEST_SESSION_START).toSeconds();
        List<Instant> starts = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            starts.add(now.minus(LATEST_SESSION_START).minusSeconds(random.nextLong(earliest)));
        }
        starts.sort(null);
        List<Event> events = new ArrayList<>();
        for (Instant start : starts) {
            events.addAll(session(shopper, start, random, ids));
        }
        return events;
    }

    /** One session starting at {@code start}, on the first device or (sometimes) the customer's app. */
    List<Event> session(Shopper shopper, Instant start, SplittableRandom random, Supplier<String> ids) {
        boolean secondDevice = shopper.secondDeviceId() != null && random.nextDouble() < SECOND_DEVICE_SESSION_SHARE;
        Session session = new Session(shopper, secondDevice, start, random, ids);
        session.landing();
        if (!secondDevice && shopper.consent().marketing() && random.nextDouble() < NEWSLETTER_SESSION_SHARE) {
            session.newsletterClick(picker.item(shopper, random));
        }
        String category = picker.category(shopper, random);
        if (random.nextDouble() < CATEGORY_VIEW_SHARE) {
            session.categoryView(category);
        }
        if (random.nextDouble() < SEARCH_SHARE) {
            session.search(searchQuery(picker.item(shopper, category, random), random));
        }
        int views = random.nextInt(2, 8);
        for (int i = 0; i < views; i++) {
            Item item = picker.item(shopper, i == 0 ? category : picker.category(shopper, random), random);
            session.productView(item);
            double cartChance = ADD_TO_CART_CHANCE
                    + (item.brand().equals(shopper.favouriteBrand()) ? FAVOURITE_BRAND_CART_BONUS : 0);
            if (item.available() && random.nextDouble() < cartChance) {
                session.addToCart(item, random.nextDouble() < 0.1 ? 2 : 1);
            }
            if (session.hasCart() && random.nextDouble() < REMOVE_FROM_CART_CHANCE) {
                session.removeOneFromCart();
            }
        }
        if (session.hasCart() && random.nextDouble() < CHECKOUT_CHANCE) {
            session.purchase();
        }
        return session.events;
    }

    /** What a visitor types: the product noun, sometimes with a colour. */
    private static String searchQuery(Item item, SplittableRandom random) {
        String withoutBrand = item.title().substring(item.brand().length() + 1);
        String noun = withoutBrand.substring(withoutBrand.indexOf(' ') + 1).toLowerCase(Locale.ROOT);
        String colour = item.attributes().get("colour");
        return colour != null && random.nextDouble() < 0.4 ? colour + " " + noun : noun;
    }

    private static String uuid(SplittableRandom random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** The events of one session under construction, with the clock of the session and the cart. */
    private static final class Session {
        private final List<Event> events = new ArrayList<>();
        private final Map<String, LineItem> cart = new LinkedHashMap<>();
        private final SplittableRandom random;
        private final Supplier<String> ids;
        private final String visitorId;
        private final String customerId;
        private final Channel channel;
        private Instant time;

        Session(Shopper shopper, boolean secondDevice, Instant start, SplittableRandom random, Supplier<String> ids) {
            this.random = random;
            this.ids = ids;
            this.visitorId = secondDevice ? shopper.secondDeviceId() : shopper.visitorId();
            this.customerId = shopper.customerId();
            this.channel = secondDevice ? Channel.APP : shopper.primaryChannel();
            this.time = start;
        }

        void landing() {
            add(next(EventType.PAGE_VIEW).properties(Map.of("path", "/")));
        }

        void newsletterClick(Item item) {
            add(next(EventType.EMAIL_OPEN).channel(Channel.EMAIL).properties(Map.of("campaign", "weekly-picks")));
            add(next(EventType.EMAIL_CLICK).channel(Channel.EMAIL).itemId(item.id())
                    .properties(Map.of("campaign", "weekly-picks")));
            productView(item);
        }

        void categoryView(String category) {
            add(next(EventType.CATEGORY_VIEW).categoryId(category));
        }

        void search(String query) {
            add(next(EventType.SEARCH).query(query));
        }

        void productView(Item item) {
            add(next(EventType.PRODUCT_VIEW).itemId(item.id()).categoryId(item.category()));
        }

        void addToCart(Item item, int quantity) {
            LineItem line = new LineItem(item.id(), quantity, item.price());
            cart.merge(item.id(), line, (old, added) ->
                    new LineItem(old.itemId(), old.quantity() + added.quantity(), old.price()));
            add(next(EventType.ADD_TO_CART).itemId(item.id()).items(List.of(line)).currency(CURRENCY));
        }

        boolean hasCart() {
            return !cart.isEmpty();
        }

        void removeOneFromCart() {
            List<LineItem> lines = List.copyOf(cart.values());
            LineItem line = lines.get(random.nextInt(lines.size()));
            cart.remove(line.itemId());
            add(next(EventType.REMOVE_FROM_CART).itemId(line.itemId()).items(List.of(line)).currency(CURRENCY));
        }

        void purchase() {
            add(next(EventType.PURCHASE).items(List.copyOf(cart.values())).currency(CURRENCY)
                    .properties(Map.of("orderId", "order-" + ids.get())));
            cart.clear();
        }

        private Event.Builder next(EventType type) {
            time = time.plusSeconds(random.nextInt(8, 120));
            return Event.builder().id(ids.get()).type(type).visitorId(visitorId).customerId(customerId)
                    .channel(channel).timestamp(time);
        }

        private void add(Event.Builder builder) {
            events.add(builder.build());
        }
    }
}
