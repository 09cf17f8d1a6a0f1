package dev.grat.decide;

/**
 * The variant chosen for a visitor and slot, and why.
 *
 * @param personalized whether the visitor's profile was used (false: only the default variant could fit)
 */
public record ContentDecision(String slot, String variantId, String text, String reason, boolean personalized) {
}
