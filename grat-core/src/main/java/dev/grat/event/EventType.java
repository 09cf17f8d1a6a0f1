package dev.grat.event;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of visitor event Grat understands. */
public enum EventType {
    PAGE_VIEW("page_view"),
    PRODUCT_VIEW("product_view"),
    CATEGORY_VIEW("category_view"),
    SEARCH("search"),
    ADD_TO_CART("add_to_cart"),
    REMOVE_FROM_CART("remove_from_cart"),
    PURCHASE("purchase"),
    EMAIL_OPEN("email_open"),
    EMAIL_CLICK("email_click"),
    RECOMMENDATION_IMPRESSION("recommendation_impression"),
    RECOMMENDATION_CLICK("recommendation_click"),
    OFFER_IMPRESSION("offer_impression"),
    OFFER_CLICK("offer_click");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in the JSON wire format and the store. */
    public String wireName() {
        return wireName;
    }

    /** The type with this wire name, if any. */
    public static Optional<EventType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    /** All wire names, for error messages. */
    public static String wireNames() {
        return String.join(", ", Arrays.stream(values()).map(EventType::wireName).toList());
    }

    /** True for events that show interest in one product (they feed affinities and co-occurrence). */
    public boolean isItemInteraction() {
        return switch (this) {
            case PRODUCT_VIEW, ADD_TO_CART, PURCHASE, RECOMMENDATION_CLICK -> true;
            default -> false;
        };
    }

    /** True for events of the e-mail channel, which fall under the marketing purpose. */
    public boolean isEmail() {
        return this == EMAIL_OPEN || this == EMAIL_CLICK;
    }
}
