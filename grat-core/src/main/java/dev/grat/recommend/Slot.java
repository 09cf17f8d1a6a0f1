package dev.grat.recommend;

import java.util.Arrays;
import java.util.Optional;

/** Where on the page recommendations are shown; each slot has its own strategy. */
public enum Slot {
    /** Home page: personal picks, or what is popular. */
    HOME("home"),
    /** Product page: viewed together with the product, then similar products. */
    PRODUCT("product"),
    /** Cart: bought together with what is in the cart. */
    CART("cart"),
    /** Category page: personal picks within the category, or its best sellers. */
    CATEGORY("category");

    private final String wireName;

    Slot(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Slot> fromWire(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }

    public static String wireNames() {
        return String.join(", ", Arrays.stream(values()).map(Slot::wireName).toList());
    }
}
