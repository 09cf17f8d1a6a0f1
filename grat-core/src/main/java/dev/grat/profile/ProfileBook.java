package dev.grat.profile;

import dev.grat.EngineSettings;
import dev.grat.catalog.Catalog;
import dev.grat.event.Event;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The profiles of visitors who consented to personalization, in memory. Only the engine feeds it, and only
 * with events of such visitors; profiles are rebuilt from the store at start-up.
 */
public final class ProfileBook {

    private final EngineSettings settings;
    private final Catalog catalog;
    private final IdentityGraph identities;
    private final Map<String, VisitorProfile> profiles = new ConcurrentHashMap<>();

    public ProfileBook(EngineSettings settings, Catalog catalog, IdentityGraph identities) {
        this.settings = settings;
        this.catalog = catalog;
        this.identities = identities;
    }

    /** Applies an event of a consenting visitor; links its customer id; returns the co-occurrence changes. */
    public List<PairChange> apply(Event event) {
        if (event.customerId() != null) {
            identities.link(event.customerId(), event.visitorId(), event.timestamp());
        }
        VisitorProfile profile = profiles.computeIfAbsent(event.visitorId(), id -> new VisitorProfile(id, settings));
        return profile.apply(event, catalog);
    }

    /** The profile of the visitor merged with the profiles of the same customer's other visitor ids. */
    public Optional<ProfileView> view(String visitorId, Instant now) {
        String customer = identities.customerOf(visitorId);
        List<ProfileView> views = new ArrayList<>();
        for (String id : identities.siblingsOf(visitorId)) {
            VisitorProfile profile = profiles.get(id);
            if (profile != null) {
                views.add(profile.view(now, customer, catalog.index()));
            }
        }
        return views.isEmpty() ? Optional.empty() : Optional.of(merge(views, customer));
    }

    /** The unmerged profile of one visitor id, as exported to that visitor. */
    public Optional<ProfileView> ownView(String visitorId, Instant now) {
        VisitorProfile profile = profiles.get(visitorId);
        return profile == null ? Optional.empty() : Optional.of(profile.view(now, identities.customerOf(visitorId), catalog.index()));
    }

    /** Removes the visitor's profile and identity link from memory; returns its co-occurrence contributions. */
    public List<PairChange> remove(String visitorId) {
        identities.forget(visitorId);
        VisitorProfile profile = profiles.remove(visitorId);
        return profile == null ? List.of() : profile.contributions();
    }

    public boolean contains(String visitorId) {
        return profiles.containsKey(visitorId);
    }

    public IdentityGraph identities() {
        return identities;
    }

    public int size() {
        return profiles.size();
    }

    private static ProfileView merge(List<ProfileView> views, String customer) {
        if (views.size() == 1) {
            return views.getFirst();
        }
        Set<String> ids = new HashSet<>();
        List<Interaction> recent = new ArrayList<>();
        Map<String, Double> categories = new HashMap<>();
        Map<String, Double> brands = new HashMap<>();
        Map<String, Integer> purchased = new HashMap<>();
        Map<String, Integer> cart = new HashMap<>();
        List<String> searches = new ArrayList<>();
        int purchases = 0;
        BigDecimal spent = BigDecimal.ZERO;
        double priceWeighted = 0;
        long events = 0;
        Instant first = null;
        Instant last = null;
        for (ProfileView v : views) {
            ids.addAll(v.visitorIds());
            recent.addAll(v.recent());
            v.categoryAffinity().forEach((k, x) -> categories.merge(k, x, Double::sum));
            v.brandAffinity().forEach((k, x) -> brands.merge(k, x, Double::sum));
            v.purchased().forEach((k, x) -> purchased.merge(k, x, Integer::sum));
            v.cart().forEach((k, x) -> cart.merge(k, x, Integer::sum));
            searches.addAll(v.recentSearches());
            purchases += v.purchaseCount();
            spent = spent.add(v.totalSpent());
            priceWeighted += v.averagePrice() * v.eventCount();
            events += v.eventCount();
            first = first == null || (v.firstSeen() != null && v.firstSeen().isBefore(first)) ? v.firstSeen() : first;
            last = last == null || (v.lastSeen() != null && v.lastSeen().isAfter(last)) ? v.lastSeen() : last;
        }
        recent.sort(Comparator.comparingLong(Interaction::epochSecond).thenComparingInt(Interaction::nano).reversed());
        return new ProfileView(ids, customer, recent, categories, brands, purchased, cart, purchases, spent,
                events == 0 ? 0 : priceWeighted / events, events, first, last, searches);
    }
}
