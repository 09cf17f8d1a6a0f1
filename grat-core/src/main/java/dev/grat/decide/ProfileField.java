package dev.grat.decide;

import java.util.Arrays;
import java.util.Optional;

/**
 * The profile facts a content condition may test. A fixed list on purpose: conditions are data,
 * never an expression language evaluated from input.
 */
public enum ProfileField {
    /** Number of events Grat has of the visitor (and the visitor's linked devices). */
    EVENT_COUNT("eventCount", Kind.NUMBER),
    /** Number of purchases. */
    PURCHASE_COUNT("purchaseCount", Kind.NUMBER),
    /** Total spent over all purchases, in the shop's currencies added up as numbers. */
    TOTAL_SPENT("totalSpent", Kind.NUMBER),
    /** Average price of the products the visitor looked at, carted or bought. */
    AVERAGE_PRICE("averagePrice", Kind.NUMBER),
    /** Items in the cart now. */
    CART_ITEMS("cartItems", Kind.NUMBER),
    /** True when the visitor was seen on an earlier day than today. */
    RETURNING("returning", Kind.BOOLEAN),
    /** The top-level category the visitor likes most. */
    TOP_CATEGORY("topCategory", Kind.TEXT),
    /** The brand the visitor likes most. */
    TOP_BRAND("topBrand", Kind.TEXT);

    /** The type of a field's values. */
    public enum Kind { NUMBER, BOOLEAN, TEXT }

    private final String wireName;
    private final Kind kind;

    ProfileField(String wireName, Kind kind) {
        this.wireName = wireName;
        this.kind = kind;
    }

    public String wireName() {
        return wireName;
    }

    public Kind kind() {
        return kind;
    }

    public static Optional<ProfileField> fromWire(String name) {
        return Arrays.stream(values()).filter(f -> f.wireName.equals(name)).findFirst();
    }

    public static String wireNames() {
        return String.join(", ", Arrays.stream(values()).map(ProfileField::wireName).toList());
    }
}
