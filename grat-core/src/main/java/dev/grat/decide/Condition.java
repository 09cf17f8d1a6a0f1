package dev.grat.decide;

/**
 * One test of a profile fact, e.g. {@code purchaseCount gte 1}. Values are plain strings checked against
 * the field's kind when the variant is registered.
 */
public record Condition(ProfileField field, Comparison comparison, String value) {

    /** Readable form for reasons: {@code purchaseCount >= 1}. */
    public String describe() {
        String symbol = switch (comparison) {
            case EQ -> "=";
            case NE -> "!=";
            case GT -> ">";
            case GTE -> ">=";
            case LT -> "<";
            case LTE -> "<=";
        };
        return field.wireName() + " " + symbol + " " + value;
    }
}
