package dev.grat.decide;

/**
 * The variant chosen for a visitor and slot, and why.
 *
 * @param personalized whether the visitor's profile was used (false: only the default variant could fit)
 * @param decisionId   the logged decision when a learning policy chose the variant (send it with the
 *                     {@code offer_click} or {@code purchase} it leads to, so the policy learns); null for rules
 * @param policy       {@code rules}, or the learning policy that chose (e.g. {@code linucb})
 */
public record ContentDecision(String slot, String variantId, String text, String reason, boolean personalized,
                              String decisionId, String policy) {

    /** A decision made by the slot's declarative rules. */
    public ContentDecision(String slot, String variantId, String text, String reason, boolean personalized) {
        this(slot, variantId, text, reason, personalized, null, "rules");
    }
}
