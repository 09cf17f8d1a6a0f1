package dev.grat.decide;

import dev.grat.catalog.CategoryPaths;
import dev.grat.profile.ProfileView;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/** The values of {@link ProfileField}s for one profile, and the test of a {@link Condition} against them. */
final class ProfileFacts {

    private final ProfileView profile;
    private final LocalDate today;

    ProfileFacts(ProfileView profile, LocalDate today) {
        this.profile = profile;
        this.today = today;
    }

    boolean holds(Condition condition) {
        String actual = valueOf(condition.field());
        if (actual == null) {
            return false;
        }
        int order = condition.field().kind() == ProfileField.Kind.NUMBER
                ? new BigDecimal(actual).compareTo(new BigDecimal(condition.value()))
                : actual.equals(condition.value()) ? 0 : 1;
        return switch (condition.comparison()) {
            case EQ -> order == 0;
            case NE -> order != 0;
            case GT -> order > 0;
            case GTE -> order >= 0;
            case LT -> order < 0;
            case LTE -> order <= 0;
        };
    }

    private String valueOf(ProfileField field) {
        return switch (field) {
            case EVENT_COUNT -> Long.toString(profile.eventCount());
            case PURCHASE_COUNT -> Integer.toString(profile.purchaseCount());
            case TOTAL_SPENT -> profile.totalSpent().toPlainString();
            case AVERAGE_PRICE -> profile.averagePrice() == 0 ? null : BigDecimal.valueOf(profile.averagePrice()).toPlainString();
            case CART_ITEMS -> Integer.toString(profile.cart().values().stream().mapToInt(Integer::intValue).sum());
            case RETURNING -> Boolean.toString(profile.firstSeen() != null
                    && profile.firstSeen().atZone(ZoneOffset.UTC).toLocalDate().isBefore(today));
            case TOP_CATEGORY -> top(profile.categoryAffinity(), true);
            case TOP_BRAND -> top(profile.brandAffinity(), false);
        };
    }

    private static String top(Map<String, Double> affinity, boolean rootsOnly) {
        String best = null;
        double bestValue = 0;
        for (Map.Entry<String, Double> entry : affinity.entrySet()) {
            boolean eligible = !rootsOnly || CategoryPaths.root(entry.getKey()).equals(entry.getKey());
            if (eligible && (entry.getValue() > bestValue
                    || entry.getValue() == bestValue && best != null && entry.getKey().compareTo(best) < 0)) {
                best = entry.getKey();
                bestValue = entry.getValue();
            }
        }
        return best;
    }
}
