package dev.grat.decide;

import dev.grat.InvalidInputException;
import dev.grat.catalog.Catalog;
import dev.grat.catalog.CategoryPaths;
import dev.grat.catalog.Identifiers;
import dev.grat.declared.DeclaredPreferences;
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
        DeclaredPreferences declared = visitor.usableDeclared()
                .filter(d -> !d.likedCategories().isEmpty() || !d.dislikedCategories().isEmpty()).orElse(null);
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
            String reason = affinity > 0 ? "You often look at " + root
                    : pop > 0 ? "Popular in the shop" : "In the shop's catalog";
            entries.add(declared == null ? entry(root, affinity + 0.1 * pop, reason)
                    : declaredEntry(root, affinity + 0.1 * pop, reason, declared));
        }
        entries.sort(Comparator.comparingDouble(NavigationEntry::score).reversed().thenComparing(NavigationEntry::category));
        boolean personalized = totalAffinity > 0 || declared != null;
        String reason = declared != null ? "Ordered by what you told us, your interests, then popularity"
                : personalized ? "Ordered by your interests, then by popularity"
                : "Ordered by popularity: no personal data used";
        List<DataUse> used = dataUsed(visitor.level(), totalAffinity > 0);
        if (declared != null) {
            used.add(DataUse.DECLARED_PREFERENCES);
        }
        return new Navigation(entries, personalized, reason, visitor.level(), used);
    }

    private static NavigationEntry entry(String root, double score, String reason) {
        return new NavigationEntry(root, Math.round(score * 10_000) / 10_000.0, reason);
    }

    /**
     * A category the visitor said they like (itself or one below it) comes before any derived interest (scores of
     * those are at most 1.1); one they said they are not interested in goes last, with score -1. Declared, not
     * guessed.
     */
    private static NavigationEntry declaredEntry(String root, double score, String reason, DeclaredPreferences declared) {
        if (declared.dislikesCategory(root)) {
            return entry(root, -1, "You told us you are not interested in " + root);
        }
        String liked = declared.likedCategories().stream().filter(c -> CategoryPaths.isWithin(c, root)).findFirst()
                .orElse(null);
        return liked == null ? entry(root, score, reason) : entry(root, 2 + score, "You told us you like " + liked);
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
