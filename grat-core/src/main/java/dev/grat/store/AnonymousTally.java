package dev.grat.store;

import dev.grat.event.Event;
import dev.grat.event.EventType;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * How often something happened in one hour, with no visitor attached: what Grat keeps of visitors
 * who have not consented (e.g. "product 42 was viewed 17 times between 10:00 and 11:00").
 *
 * @param itemId     the product, or null
 * @param categoryId the category, or null
 * @param hour       the start of the hour
 */
public record AnonymousTally(EventType type, String itemId, String categoryId, Instant hour, long count) {

    /** The tallies one anonymous event adds: one per product it names, or one for its category. */
    public static List<AnonymousTally> of(Event event) {
        Instant hour = event.timestamp().truncatedTo(ChronoUnit.HOURS);
        List<String> products = event.productIds();
        if (products.isEmpty()) {
            return List.of(new AnonymousTally(event.type(), null, event.categoryId(), hour, 1));
        }
        List<AnonymousTally> tallies = new ArrayList<>(products.size());
        for (String product : products) {
            tallies.add(new AnonymousTally(event.type(), product, null, hour, 1));
        }
        return tallies;
    }
}
