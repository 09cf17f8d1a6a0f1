package dev.grat.server.http;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** JSON bodies for the integration tests, written as a shop would send them. */
public final class WireJson {

    private WireJson() {
    }

    /** A timestamp a minute ago, so that no event lies in the future. */
    public static String recent() {
        return Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS).toString();
    }

    public static String productView(String id, String visitorId, String itemId) {
        return """
                {"id": "%s", "type": "product_view", "visitorId": "%s", "channel": "web", "timestamp": "%s",
                 "itemId": "%s"}""".formatted(id, visitorId, recent(), itemId);
    }

    public static String purchase(String id, String visitorId, String itemId, String price) {
        return """
                {"id": "%s", "type": "purchase", "visitorId": "%s", "channel": "shop", "timestamp": "%s",
                 "items": [{"itemId": "%s", "quantity": 1, "price": %s}], "currency": "EUR"}"""
                .formatted(id, visitorId, recent(), itemId, price);
    }

    public static String batch(List<String> events) {
        return "{\"events\": [" + String.join(",", events) + "]}";
    }

    public static String consent(boolean analytics, boolean personalization, boolean marketing) {
        return """
                {"purposes": {"analytics": %s, "personalization": %s, "marketing": %s},
                 "source": "banner", "policyVersion": "2026-01"}""".formatted(analytics, personalization, marketing);
    }

    /** A small catalog: shoes, socks and jackets. */
    public static String catalog() {
        return """
                {"items": [
                  {"id": "shoe-1", "title": "Trail Runner", "category": "Women/Shoes", "brand": "Alpina", "price": 89.00,
                   "available": true, "attributes": {"colour": "blue"}},
                  {"id": "shoe-2", "title": "City Sneaker", "category": "Women/Shoes", "brand": "Alpina", "price": 59.00},
                  {"id": "shoe-3", "title": "Court Classic", "category": "Women/Shoes", "brand": "Bravo", "price": 69.00},
                  {"id": "sock-1", "title": "Wool Socks", "category": "Women/Socks", "brand": "Alpina", "price": 9.00},
                  {"id": "jacket-1", "title": "Rain Jacket", "category": "Men/Jackets", "brand": "Nordic", "price": 149.00},
                  {"id": "jacket-2", "title": "Down Jacket", "category": "Men/Jackets", "brand": "Nordic", "price": 229.00}
                ]}""";
    }
}
