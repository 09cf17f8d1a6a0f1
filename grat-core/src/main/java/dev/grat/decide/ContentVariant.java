package dev.grat.decide;

import java.util.List;

/**
 * A text a shop offers for a content slot (a greeting, a product description), shown when all its
 * conditions hold. Variants are tried in the order registered; one without conditions fits everybody.
 */
public record ContentVariant(String id, String text, List<Condition> conditions) {

    public ContentVariant {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }
}
