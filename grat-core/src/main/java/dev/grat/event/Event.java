package dev.grat.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One visitor event as sent by a shop, app, newsletter or order system. Optional fields are null
 * (lists and maps empty). An event is checked by {@link EventValidator} before anything keeps it.
 *
 * @param id         client-chosen id; the same id twice is stored once
 * @param visitorId  pseudonymous visitor id (a browser, an app install, a newsletter recipient)
 * @param customerId optional id of a known, logged-in customer
 * @param items      line items of cart and purchase events
 * @param decisionId the decision (offer, recommendation) this event answers, if any
 */
public record Event(
        String id,
        EventType type,
        String visitorId,
        String customerId,
        Channel channel,
        Instant timestamp,
        String itemId,
        String categoryId,
        String query,
        List<LineItem> items,
        String currency,
        String decisionId,
        Map<String, String> properties) {

    public Event {
        items = items == null ? List.of() : List.copyOf(items);
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** A builder for code that creates events in-process. */
    public static Builder builder() {
        return new Builder();
    }

    /** The product ids this event is about: its {@code itemId} and every line item. */
    public List<String> productIds() {
        if (items.isEmpty()) {
            return itemId == null ? List.of() : List.of(itemId);
        }
        return items.stream().map(LineItem::itemId).toList();
    }

    /** A copy without the identifying and free-text fields, as kept for visitors without consent. */
    public Event anonymized() {
        return new Event(id, type, null, null, channel, timestamp, itemId, categoryId, null, items, currency, null, Map.of());
    }

    /** A copy without the customer id. */
    public Event withoutCustomerId() {
        return new Event(id, type, visitorId, null, channel, timestamp, itemId, categoryId, query, items, currency, decisionId, properties);
    }

    /** Builds an {@link Event}; unset fields stay null. */
    public static final class Builder {
        private String id;
        private EventType type;
        private String visitorId;
        private String customerId;
        private Channel channel = Channel.WEB;
        private Instant timestamp;
        private String itemId;
        private String categoryId;
        private String query;
        private List<LineItem> items = List.of();
        private String currency;
        private String decisionId;
        private Map<String, String> properties = Map.of();

        private Builder() {
        }

        public Builder id(String id) { this.id = id; return this; }
        public Builder type(EventType type) { this.type = type; return this; }
        public Builder visitorId(String visitorId) { this.visitorId = visitorId; return this; }
        public Builder customerId(String customerId) { this.customerId = customerId; return this; }
        public Builder channel(Channel channel) { this.channel = channel; return this; }
        public Builder timestamp(Instant timestamp) { this.timestamp = timestamp; return this; }
        public Builder itemId(String itemId) { this.itemId = itemId; return this; }
        public Builder categoryId(String categoryId) { this.categoryId = categoryId; return this; }
        public Builder query(String query) { this.query = query; return this; }
        public Builder items(List<LineItem> items) { this.items = items; return this; }
        public Builder currency(String currency) { this.currency = currency; return this; }
        public Builder decisionId(String decisionId) { this.decisionId = decisionId; return this; }
        public Builder properties(Map<String, String> properties) { this.properties = properties; return this; }

        public Event build() {
            return new Event(id, type, visitorId, customerId, channel, timestamp, itemId, categoryId, query,
                    items, currency, decisionId, properties);
        }
    }
}
