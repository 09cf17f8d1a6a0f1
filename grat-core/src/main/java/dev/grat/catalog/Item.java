package dev.grat.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A product of the shop's catalog.
 *
 * @param category   a path such as {@code Women/Shoes}
 * @param attributes free attributes (colour, material, ...)
 */
public record Item(String id, String title, String category, String brand, BigDecimal price, boolean available,
                   Map<String, String> attributes) {

    public Item {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** The category path and each of its ancestors, the most general first: {@code Women}, {@code Women/Shoes}. */
    public List<String> categoryLineage() {
        return CategoryPaths.lineage(category);
    }
}
