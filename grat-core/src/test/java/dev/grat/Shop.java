package dev.grat;

import dev.grat.catalog.Item;
import dev.grat.consent.ConsentChange;
import dev.grat.consent.Purpose;
import dev.grat.event.Channel;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.event.IngestResult;
import dev.grat.event.LineItem;
import dev.grat.event.TrackContext;
import dev.grat.privacy.policy.DataPolicy;
import dev.grat.store.InMemoryStore;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A small shop on an in-memory store, with helpers to send events as a test would. */
public final class Shop {

    public static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");

    public final InMemoryStore store = new InMemoryStore();
    public final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    public final Grat grat;
    private final AtomicInteger ids = new AtomicInteger();
    private final DataPolicy policy;

    public Shop() {
        this(DataPolicy.defaultPolicy());
    }

    /** A shop whose engine keeps only what {@code policy} declares. */
    public Shop(DataPolicy policy) {
        this.policy = policy;
        grat = engine();
        grat.putItems(List.of(
                item("shoe-1", "Trail Runner", "Women/Shoes", "Alpina", "89.00"),
                item("shoe-2", "City Sneaker", "Women/Shoes", "Alpina", "59.00"),
                item("shoe-3", "Court Classic", "Women/Shoes", "Bravo", "69.00"),
                item("sock-1", "Wool Socks", "Women/Socks", "Alpina", "9.00"),
                item("jacket-1", "Rain Jacket", "Men/Jackets", "Nordic", "149.00"),
                item("jacket-2", "Down Jacket", "Men/Jackets", "Nordic", "229.00"),
                item("pan-1", "Iron Pan", "Home/Kitchen", "Ferro", "39.00"),
                new Item("pan-2", "Copper Pan", "Home/Kitchen", "Ferro", new BigDecimal("99.00"), false, Map.of())));
    }

    /** Another engine over the same store, as after a restart. */
    public Grat engine() {
        return Grat.builder().store(store).clock(clock).policy(policy)
                .settings(EngineSettings.defaults().withPopularityRefresh(Duration.ZERO)).build();
    }

    public static Item item(String id, String title, String category, String brand, String price) {
        return new Item(id, title, category, brand, new BigDecimal(price), true, Map.of("colour", "blue"));
    }

    public void consent(String visitorId, Purpose... granted) {
        Map<Purpose, Boolean> purposes = new java.util.EnumMap<>(Purpose.class);
        for (Purpose p : List.of(Purpose.ANALYTICS, Purpose.PERSONALIZATION, Purpose.MARKETING)) {
            purposes.put(p, List.of(granted).contains(p));
        }
        grat.setConsent(visitorId, new ConsentChange(purposes, "banner", "v1", false));
    }

    public Event.Builder event(EventType type, String visitorId) {
        return Event.builder().id("e" + ids.incrementAndGet()).type(type).visitorId(visitorId)
                .channel(Channel.WEB).timestamp(NOW.minusSeconds(600 - ids.get()));
    }

    public Event view(String visitorId, String itemId) {
        return event(EventType.PRODUCT_VIEW, visitorId).itemId(itemId).build();
    }

    public Event purchase(String visitorId, String... itemIds) {
        return event(EventType.PURCHASE, visitorId).currency("EUR")
                .items(java.util.Arrays.stream(itemIds).map(id -> new LineItem(id, 1, new BigDecimal("10.00"))).toList())
                .build();
    }

    public IngestResult track(Event... events) {
        return grat.track(List.of(events), TrackContext.none());
    }
}
