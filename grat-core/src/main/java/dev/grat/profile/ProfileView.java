package dev.grat.profile;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Grat knows of a visitor at one moment, merged over all visitor ids of the same customer.
 * Affinities are decayed to the moment the view was taken.
 *
 * @param visitorIds       the visitor ids merged into this view (one, unless a customer links several)
 * @param recent           the most recent product interactions, newest first
 * @param categoryAffinity category path to decayed interest (every level of the path)
 * @param brandAffinity    brand to decayed interest
 * @param purchased        product id to quantity bought
 * @param cart             product id to quantity in the cart now
 */
public record ProfileView(
        Set<String> visitorIds,
        String customerId,
        List<Interaction> recent,
        Map<String, Double> categoryAffinity,
        Map<String, Double> brandAffinity,
        Map<String, Integer> purchased,
        Map<String, Integer> cart,
        int purchaseCount,
        BigDecimal totalSpent,
        double averagePrice,
        long eventCount,
        Instant firstSeen,
        Instant lastSeen,
        List<String> recentSearches) {

    public ProfileView {
        visitorIds = Set.copyOf(visitorIds);
        recent = List.copyOf(recent);
        categoryAffinity = Map.copyOf(categoryAffinity);
        brandAffinity = Map.copyOf(brandAffinity);
        purchased = Map.copyOf(purchased);
        cart = Map.copyOf(cart);
        recentSearches = List.copyOf(recentSearches);
    }

    /** True when Grat has nothing of the visitor to personalize with. */
    public boolean isEmpty() {
        return eventCount == 0;
    }
}
