package dev.grat.privacy.policy;

import java.util.Arrays;
import java.util.Optional;

/**
 * The optional fields of an event that a data category may declare. The id, type, visitor id, channel and
 * timestamp are what makes an event an event and are always kept with it; properties are declared one by one
 * ({@code properties.campaign}) or all at once ({@code properties.*}).
 */
public enum EventField {
    ITEM_ID("itemId"),
    CATEGORY_ID("categoryId"),
    QUERY("query"),
    ITEMS("items"),
    CURRENCY("currency"),
    CUSTOMER_ID("customerId"),
    DECISION_ID("decisionId");

    /** The prefix of a declared property: {@code properties.<name>}. */
    public static final String PROPERTIES_PREFIX = "properties.";
    /** Every property of the event. */
    public static final String ALL_PROPERTIES = "properties.*";

    private final String wireName;

    EventField(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<EventField> fromWire(String name) {
        return Arrays.stream(values()).filter(f -> f.wireName.equals(name)).findFirst();
    }

    /** Every name a category may declare, for error messages. */
    public static String declarableNames() {
        return String.join(", ", Arrays.stream(values()).map(EventField::wireName).toList())
                + ", properties.<name>, " + ALL_PROPERTIES;
    }

    /**
     * Whether {@code declared} is a field name a category may declare: a field of this enum, {@code properties.*},
     * or {@code properties.} followed by a property key (1 to 64 characters, as events allow, without {@code *}).
     */
    public static boolean isDeclarable(String declared) {
        if (declared == null) {
            return false;
        }
        if (fromWire(declared).isPresent() || ALL_PROPERTIES.equals(declared)) {
            return true;
        }
        if (!declared.startsWith(PROPERTIES_PREFIX)) {
            return false;
        }
        String property = declared.substring(PROPERTIES_PREFIX.length());
        return !property.isEmpty() && property.length() <= 64 && property.indexOf('*') < 0;
    }
}
