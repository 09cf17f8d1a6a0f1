package dev.grat.decide;

import java.util.List;

/**
 * The shop's top-level categories in the order to show them to one visitor.
 *
 * @param decisionId the logged decision when a learning policy ordered the categories; null for rules
 * @param policy     {@code rules}, or the learning policy that ordered them
 */
public record Navigation(List<NavigationEntry> categories, boolean personalized, String reason, String decisionId,
                         String policy) {

    public Navigation {
        categories = List.copyOf(categories);
    }

    /** An order made by the rules (affinity, then popularity). */
    public Navigation(List<NavigationEntry> categories, boolean personalized, String reason) {
        this(categories, personalized, reason, null, "rules");
    }
}
