package dev.grat.server.demo;

import dev.grat.event.Channel;

/**
 * A simulated visitor with latent tastes that drive what they look at and buy.
 *
 * @param secondDeviceId     the visitor id of the customer's app install, or null for one device
 * @param customerId         the id of a logged-in customer, or null for an anonymous visitor
 * @param favouriteCategory  the leaf category most of their browsing goes to, e.g. {@code Sports/Running}
 * @param favouriteBrand     a brand of that category's department they prefer
 * @param priceSensitivity   0 for indifferent to price, up to 2 for strongly drawn to cheap products
 * @param primaryChannel     where their sessions on the first device happen (web or app)
 */
record Shopper(String visitorId, String secondDeviceId, String customerId, ConsentChoice consent,
               String favouriteCategory, String favouriteBrand, double priceSensitivity, Channel primaryChannel) {

    /** The department (top-level category) of their favourite category. */
    String favouriteDepartment() {
        return favouriteCategory.substring(0, favouriteCategory.indexOf('/'));
    }
}
