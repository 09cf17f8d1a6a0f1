package dev.grat.decide;

import dev.grat.privacy.DataUse;
import dev.grat.privacy.PrivacyLevel;

import java.util.List;
import java.util.Objects;

/**
 * The variant chosen for a visitor and slot, and why.
 *
 * @param personalized whether the visitor's profile was used (false: only the default variant could fit)
 * @param decisionId   the logged decision when a learning policy chose the variant (send it with the
 *                     {@code offer_click} or {@code purchase} it leads to, so the policy learns); null for rules
 * @param policy       {@code rules}, or the learning policy that chose (e.g. {@code linucb})
 * @param privacyLevel the visitor's privacy level the variant was chosen at
 * @param dataUsed     the kinds of data the choice drew on
 */
public record ContentDecision(String slot, String variantId, String text, String reason, boolean personalized,
                              String decisionId, String policy, PrivacyLevel privacyLevel, List<DataUse> dataUsed) {

    public ContentDecision {
        Objects.requireNonNull(privacyLevel, "privacyLevel");
        dataUsed = DataUse.ordered(dataUsed);
    }

    /** A decision made by the slot's declarative rules. */
    public ContentDecision(String slot, String variantId, String text, String reason, boolean personalized,
                           PrivacyLevel privacyLevel, List<DataUse> dataUsed) {
        this(slot, variantId, text, reason, personalized, null, "rules", privacyLevel, dataUsed);
    }
}
