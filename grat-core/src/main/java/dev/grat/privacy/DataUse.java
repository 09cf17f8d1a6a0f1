package dev.grat.privacy;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * The kinds of data a decision (recommendation, navigation order, content variant, learned decision) drew on, so
 * that the visitor and the shop can see what an answer was based on.
 */
public enum DataUse {
    /** What the request itself says: the product or category on screen, the cart item, channel, time of day. */
    REQUEST_CONTEXT,
    /** Anonymous counts of what all visitors view and buy; they name nobody. */
    POPULARITY,
    /** What the visitor did during this visit, kept in memory only (session level). */
    SESSION_ACTIVITY,
    /** The visitor's stored product interactions (views, carts, searches). */
    INTERACTION_HISTORY,
    /** The visitor's stored purchases. */
    PURCHASE_HISTORY,
    /** Interests derived from the visitor's interactions (favourite categories and brands). */
    DERIVED_INTERESTS,
    /** What the visitor told the shop they like, dislike and wear (declared preferences). */
    DECLARED_PREFERENCES,
    /** Profiles of the customer's other devices, app installs or e-mail address, linked by customer id. */
    LINKED_IDENTITIES,
    /** The learned recommendation model, applied to the visitor's recent interactions. */
    LEARNED_MODEL;

    /** The name on the wire: {@code request_context}, {@code session_activity}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The uses in declaration order, as an immutable list (for stable output). */
    public static List<DataUse> ordered(Collection<DataUse> uses) {
        return uses.isEmpty() ? List.of() : List.copyOf(EnumSet.copyOf(uses));
    }
}
