package dev.grat.decide;

import dev.grat.privacy.DataUse;
import dev.grat.privacy.PrivacyLevel;

import java.util.List;
import java.util.Objects;

/**
 * The shop's top-level categories in the order to show them to one visitor.
 *
 * @param decisionId the logged decision when a learning policy ordered the categories; null for rules
 * @param policy       {@code rules}, or the learning policy that ordered them
 * @param privacyLevel the visitor's privacy level the order was made at
 * @param dataUsed     the kinds of data the order drew on
 */
public record Navigation(List<NavigationEntry> categories, boolean personalized, String reason, String decisionId,
                         String policy, PrivacyLevel privacyLevel, List<DataUse> dataUsed) {

    public Navigation {
        categories = List.copyOf(categories);
        Objects.requireNonNull(privacyLevel, "privacyLevel");
        dataUsed = DataUse.ordered(dataUsed);
    }

    /** An order made by the rules (affinity, then popularity). */
    public Navigation(List<NavigationEntry> categories, boolean personalized, String reason, PrivacyLevel privacyLevel,
                      List<DataUse> dataUsed) {
        this(categories, personalized, reason, null, "rules", privacyLevel, dataUsed);
    }
}
