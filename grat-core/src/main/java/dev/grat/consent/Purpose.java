package dev.grat.consent;

import java.util.Arrays;
import java.util.Optional;

/** What a visitor may agree to; Grat uses data only for the purposes a visitor agreed to. */
public enum Purpose {
    /** Needed to run the shop; always granted and cannot be refused. Grat keeps nothing identifying for it. */
    NECESSARY("necessary"),
    /** Storing the visitor's events for the shop's own analysis. */
    ANALYTICS("analytics"),
    /** Building a profile and personalizing recommendations, navigation and content. */
    PERSONALIZATION("personalization"),
    /** E-mail tracking and marketing decisions. */
    MARKETING("marketing"),
    /**
     * "Personalize this visit only": recommendations, navigation and content follow what the visitor does now,
     * from a profile kept in memory for the session and never written. Not a permission to store events
     * ({@link ConsentState#allowsStoringEvents()} stays false). Declared last so that the ordinal of the older
     * purposes does not change.
     */
    SESSION("session");

    private final String wireName;

    Purpose(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Purpose> fromWire(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(name)).findFirst();
    }

    public static String wireNames() {
        return String.join(", ", Arrays.stream(values()).map(Purpose::wireName).toList());
    }
}
