package dev.grat.decide;

import dev.grat.InvalidInputException;
import dev.grat.catalog.Catalog;
import dev.grat.catalog.Identifiers;
import dev.grat.event.FieldError;
import dev.grat.privacy.DataUse;
import dev.grat.privacy.PersonalView;
import dev.grat.privacy.PrivacyLevel;
import dev.grat.privacy.PrivacyLevels;
import dev.grat.profile.ProfileView;
import dev.grat.recommend.Popularity;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Orders the shop's top-level categories for a visitor: by their interests (from the profile their privacy level
 * allows: this visit's at level session, the stored one above), else by popularity.
 */
public final class NavigationService {

    private final Catalog catalog;
    private final PrivacyLevels levels;
    private final Popularity popularity;
    private final Clock clock;

    public NavigationService(Catalog catalog, PrivacyLevels levels, Popularity popularity, Clock clock) {
        this.catalog = catalog;
        this.levels = levels;
        this.popularity = popularity;
        this.clock = clock;
    }

    public Navigation navigationFor(String visitorId) {
        if (visitorId != null) {
            List<FieldError> errors = new ArrayList<>();
            Identifiers.check(visitorId, "visitorId", errors);
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
        }
        PersonalView visitor = levels.view(visitorId, clock.instant());
        ProfileView profile = visitor.usableProfile().filter(v -> !v.categoryAffinity().isEmpty()).orElse(null);
        List<String> roots = List.copyOf(catalog.topCategories());
        double totalPopularity = 0;
        List<double[]> popularityOf = new ArrayList<>();
        for (String root : roots) {
            double p = popularity.ofCategory(root);
            popularityOf.add(new double[] {p});
            totalPopularity += p;
        }
        double totalAffinity = profile == null ? 0
                : roots.stream().mapToDouble(r -> profile.categoryAffinity().getOrDefault(r, 0.0)).sum();
        List<NavigationEntry> entries = new ArrayList<>();
        for (int i = 0; i < roots.size(); i++) {
            String root = roots.get(i);
            double pop = totalPopularity == 0 ? 0 : popularityOf.get(i)[0] / totalPopularity;
            double affinity = totalAffinity == 0 ? 0 : profile.categoryAffinity().getOrDefault(root, 0.0) / totalAffinity;
            double score = affinity + 0.1 * pop;
            String reason = affinity > 0 ? "You often look at " + root
                    : pop > 0 ? "Popular in the shop" : "In the shop's catalog";
            entries.add(new NavigationEntry(root, Math.round(score * 10_000) / 10_000.0, reason));
        }
        entries.sort(Comparator.comparingDouble(NavigationEntry::score).reversed().thenComparing(NavigationEntry::category));
        boolean personalized = totalAffinity > 0;
        String reason = personalized ? "Ordered by your interests, then by popularity"
                : "Ordered by popularity: no personal data used";
        return new Navigation(entries, personalized, reason, visitor.level(), dataUsed(visitor.level(), personalized));
    }

    /** The order uses the visitor's interests only: this visit's at level session, derived ones above. */
    private static List<DataUse> dataUsed(PrivacyLevel level, boolean personalized) {
        List<DataUse> used = new ArrayList<>(List.of(DataUse.POPULARITY));
        if (personalized) {
            used.add(level == PrivacyLevel.SESSION ? DataUse.SESSION_ACTIVITY : DataUse.DERIVED_INTERESTS);
        }
        if (personalized && level == PrivacyLevel.CROSS_CHANNEL) {
            used.add(DataUse.LINKED_IDENTITIES);
        }
        return used;
    }
}
