package dev.grat.event;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Aggregate engagement since start-up, for the shop's dashboard: impressions, clicks and conversions per slot
 * (from the {@code slot} property of impression, click and purchase events), purchases and revenue per currency, events per
 * channel. Counts only, never a visitor.
 */
public final class Engagement {

    static final int MAX_SLOTS = 100;
    static final String OTHER_SLOT = "other";

    private final Map<String, LongAdder[]> slots = new ConcurrentHashMap<>();
    private final Map<Channel, LongAdder> channels = new ConcurrentHashMap<>();
    private final Map<String, BigDecimal> revenue = new ConcurrentHashMap<>();
    private final LongAdder purchases = new LongAdder();

    /** Counts one accepted, new event. */
    public void count(Event event) {
        channels.computeIfAbsent(event.channel(), c -> new LongAdder()).increment();
        switch (event.type()) {
            case RECOMMENDATION_IMPRESSION, OFFER_IMPRESSION -> slot(event)[0].increment();
            case RECOMMENDATION_CLICK, OFFER_CLICK -> slot(event)[1].increment();
            case PURCHASE -> {
                purchases.increment();
                if (event.properties().containsKey("slot")) {
                    slot(event)[2].increment();
                }
                BigDecimal total = event.items().stream()
                        .map(l -> l.price() == null ? BigDecimal.ZERO : l.price().multiply(BigDecimal.valueOf(l.quantity())))
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                revenue.merge(event.currency(), total, BigDecimal::add);
            }
            default -> { }
        }
    }

    private LongAdder[] slot(Event event) {
        String name = event.properties().getOrDefault("slot", OTHER_SLOT);
        if (!slots.containsKey(name) && slots.size() >= MAX_SLOTS) {
            name = OTHER_SLOT;
        }
        return slots.computeIfAbsent(name, n -> new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder()});
    }

    public Snapshot snapshot() {
        Map<String, SlotCounts> bySlot = new TreeMap<>();
        slots.forEach((slot, c) -> bySlot.put(slot, new SlotCounts(c[0].sum(), c[1].sum(), c[2].sum())));
        Map<String, Long> byChannel = new TreeMap<>();
        channels.forEach((channel, n) -> byChannel.put(channel.wireName(), n.sum()));
        return new Snapshot(bySlot, byChannel, purchases.sum(), new TreeMap<>(revenue));
    }

    /**
     * Impressions, clicks and conversions of one slot; a conversion is a purchase whose {@code slot} property
     * names the slot (the snippet sets it to the slot the bought product was last clicked in).
     */
    public record SlotCounts(long impressions, long clicks, long conversions) {
        public double clickThroughRate() {
            return impressions == 0 ? 0 : (double) clicks / impressions;
        }

        /** Conversions per click. */
        public double conversionRate() {
            return clicks == 0 ? 0 : (double) conversions / clicks;
        }
    }

    /** Engagement at one moment. */
    public record Snapshot(Map<String, SlotCounts> slots, Map<String, Long> eventsByChannel, long purchases,
                           Map<String, BigDecimal> revenueByCurrency) {
        public Snapshot {
            slots = Map.copyOf(slots);
            eventsByChannel = Map.copyOf(eventsByChannel);
            revenueByCurrency = Map.copyOf(revenueByCurrency);
        }
    }
}
