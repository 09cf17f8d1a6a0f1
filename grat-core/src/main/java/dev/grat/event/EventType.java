package dev.grat.event;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

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
        return name == null ? Optional.empty() : Optional.ofNullable(Wire.BY_NAME.get(name));
    }

    /** All wire names, for error messages. */
    public static String wireNames() {
        return Wire.NAMES;
    }

    /** Lookups built once: the wire format reads a type for every event it parses. */
    private static final class Wire {
        static final Map<String, EventType> BY_NAME = Arrays.stream(values())
                .collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));
        static final String NAMES = String.join(", ", Arrays.stream(values()).map(EventType::wireName).toList());
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
