package dev.grat.decide;

import java.util.Arrays;
import java.util.Optional;

/** How a condition compares a profile fact with its value. */
public enum Comparison {
    EQ("eq"), NE("ne"), GT("gt"), GTE("gte"), LT("lt"), LTE("lte");

    private final String wireName;

    Comparison(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Comparison> fromWire(String name) {
        return Arrays.stream(values()).filter(c -> c.wireName.equals(name)).findFirst();
    }

    public static String wireNames() {
        return String.join(", ", Arrays.stream(values()).map(Comparison::wireName).toList());
    }

    /** Whether this comparison means anything for values of the kind: order needs numbers. */
    public boolean appliesTo(ProfileField.Kind kind) {
        return kind == ProfileField.Kind.NUMBER || this == EQ || this == NE;
    }
}
