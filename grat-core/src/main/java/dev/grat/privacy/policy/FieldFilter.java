package dev.grat.privacy.policy;

import dev.grat.event.Event;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The event fields one event may keep: those that the categories covering its type declare for the purposes its
 * visitor granted. Made once per (event type, granted purposes) by {@link Minimisation}.
 *
 * @param fields        the declared fields
 * @param allProperties whether every property is declared ({@code properties.*})
 * @param properties    the property keys declared one by one
 */
public record FieldFilter(Set<EventField> fields, boolean allProperties, Set<String> properties) {

    private static final FieldFilter NOTHING = new FieldFilter(Set.of(), false, Set.of());
    private static final int FIELD_COUNT = EventField.values().length;

    public FieldFilter {
        fields = fields.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(fields));
        properties = Set.copyOf(properties);
    }

    /** A filter that keeps no optional field. */
    public static FieldFilter nothing() {
        return NOTHING;
    }

    /** The union of the fields the categories declare. */
    static FieldFilter of(List<DataCategory> categories) {
        EnumSet<EventField> fields = EnumSet.noneOf(EventField.class);
        Set<String> properties = new HashSet<>();
        boolean all = false;
        for (DataCategory category : categories) {
            for (String declared : category.fields()) {
                if (declared.equals(EventField.ALL_PROPERTIES)) {
                    all = true;
                } else if (declared.startsWith(EventField.PROPERTIES_PREFIX)) {
                    properties.add(declared.substring(EventField.PROPERTIES_PREFIX.length()));
                } else {
                    EventField.fromWire(declared).ifPresent(fields::add);
                }
            }
        }
        return new FieldFilter(fields, all, all ? Set.of() : properties);
    }

    /** Whether every optional field is kept, so that the filter need not look at events. */
    public boolean keepsEverything() {
        return allProperties && fields.size() == FIELD_COUNT;
    }

    /**
     * The event without the fields this filter does not keep, and how many fields with a value were dropped. An
     * event that loses nothing is returned as it is (the common case: no copy on the ingestion path).
     */
    public Minimised apply(Event event) {
        int dropped = keepsEverything() ? 0 : countDropped(event);
        if (dropped == 0) {
            return new Minimised(event, 0);
        }
        Event kept = new Event(event.id(), event.type(), event.visitorId(), keep(EventField.CUSTOMER_ID, event.customerId()),
                event.channel(), event.timestamp(), keep(EventField.ITEM_ID, event.itemId()),
                keep(EventField.CATEGORY_ID, event.categoryId()), keep(EventField.QUERY, event.query()),
                fields.contains(EventField.ITEMS) ? event.items() : List.of(),
                keep(EventField.CURRENCY, event.currency()), keep(EventField.DECISION_ID, event.decisionId()),
                keptProperties(event.properties()));
        return new Minimised(kept, dropped);
    }

    private int countDropped(Event event) {
        int dropped = dropped(EventField.CUSTOMER_ID, event.customerId()) + dropped(EventField.ITEM_ID, event.itemId())
                + dropped(EventField.CATEGORY_ID, event.categoryId()) + dropped(EventField.QUERY, event.query())
                + dropped(EventField.CURRENCY, event.currency()) + dropped(EventField.DECISION_ID, event.decisionId())
                + (event.items().isEmpty() || fields.contains(EventField.ITEMS) ? 0 : 1);
        if (!allProperties) {
            for (String key : event.properties().keySet()) {
                dropped += properties.contains(key) ? 0 : 1;
            }
        }
        return dropped;
    }

    private int dropped(EventField field, String value) {
        return value == null || fields.contains(field) ? 0 : 1;
    }

    private String keep(EventField field, String value) {
        return fields.contains(field) ? value : null;
    }

    private Map<String, String> keptProperties(Map<String, String> all) {
        if (allProperties || all.isEmpty()) {
            return all;
        }
        Map<String, String> kept = new HashMap<>();
        all.forEach((key, value) -> {
            if (properties.contains(key)) {
                kept.put(key, value);
            }
        });
        return kept;
    }

    /**
     * An event as it may be kept.
     *
     * @param dropped how many fields with a value were removed (each property counts as one field)
     */
    public record Minimised(Event event, int dropped) {
    }
}
