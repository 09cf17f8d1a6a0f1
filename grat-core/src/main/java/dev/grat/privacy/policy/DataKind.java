package dev.grat.privacy.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the records of a data category live, so that the transparency report can count them. A category of
 * kind {@link #EVENTS} is made of stored events of its event types; the other kinds name one of Grat's other
 * stores or in-memory books.
 */
public enum DataKind {
    /** Stored personal events of the category's event types. */
    EVENTS,
    /** Profiles derived from events (recent interactions, affinities), kept in memory. */
    PROFILES,
    /** Links between a known customer id and the visitor ids of their devices. */
    IDENTITY_LINKS,
    /** The consent ledger: every answer a visitor gave, with the policy version. */
    CONSENT_LEDGER,
    /** What visitors declared about themselves (liked and disliked categories, brands, sizes). */
    DECLARED_PREFERENCES,
    /** Factors of the learned recommendation model. */
    MODEL_FACTORS,
    /** Logged decisions (offers, content, greetings) with the visitor id. */
    DECISION_LOG,
    /** Hourly counts per product without any identifier. */
    ANONYMOUS_COUNTS,
    /** Who accessed personal data through the admin and privacy endpoints; subjects only as keyed pseudonyms. */
    AUDIT_LOG,
    /** Anything else the shop declares; Grat does not count it. */
    OTHER;

    /** The name in a policy file: lower case with dashes ({@code identity-links}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<DataKind> fromWire(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName().equals(name)).findFirst();
    }

    public static String wireNames() {
        return String.join(", ", Arrays.stream(values()).map(DataKind::wireName).toList());
    }
}
