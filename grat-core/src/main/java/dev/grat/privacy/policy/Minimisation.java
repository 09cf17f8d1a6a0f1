package dev.grat.privacy.policy;

import dev.grat.consent.Purpose;
import dev.grat.event.EventType;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Data minimisation by policy: for an event type and the purposes a visitor granted, whether the event may be
 * stored with the visitor's id at all and which of its fields. Every (type, granted purposes) pair is worked out
 * once when the policy is set, so that ingestion only looks a rule up (2^purposes rules per event type).
 */
public final class Minimisation {

    private static final Purpose[] PURPOSES = Purpose.values();

    private final Rule[][] rules;

    private Minimisation(Rule[][] rules) {
        this.rules = rules;
    }

    /**
     * What one event type may keep for one set of granted purposes.
     *
     * @param storable whether a category of kind {@code events} covers the type for a granted purpose: without
     *                 one, Grat keeps such an event only as an anonymous count
     * @param filter   the fields every category covering the type for a granted purpose declares, together
     */
    public record Rule(boolean storable, FieldFilter filter) {
    }

    /** The rules of a policy. */
    public static Minimisation of(DataPolicy policy) {
        EventType[] types = EventType.values();
        Rule[][] rules = new Rule[types.length][1 << PURPOSES.length];
        for (EventType type : types) {
            for (int mask = 0; mask < 1 << PURPOSES.length; mask++) {
                List<DataCategory> serving = serving(policy, type, purposes(mask));
                boolean storable = serving.stream().anyMatch(c -> c.kind() == DataKind.EVENTS);
                rules[type.ordinal()][mask] = new Rule(storable,
                        serving.isEmpty() ? FieldFilter.nothing() : FieldFilter.of(serving));
            }
        }
        return new Minimisation(rules);
    }

    /** The rule for an event of this type of a visitor who granted these purposes. */
    public Rule rule(EventType type, Set<Purpose> granted) {
        int mask = 0;
        for (Purpose purpose : granted) {
            mask |= 1 << purpose.ordinal();
        }
        return rules[type.ordinal()][mask];
    }

    private static List<DataCategory> serving(DataPolicy policy, EventType type, Set<Purpose> granted) {
        List<DataCategory> serving = new ArrayList<>();
        for (DataCategory category : policy.categories()) {
            if (category.covers(type) && category.servesAny(granted)) {
                serving.add(category);
            }
        }
        return serving;
    }

    private static Set<Purpose> purposes(int mask) {
        Set<Purpose> purposes = EnumSet.noneOf(Purpose.class);
        for (Purpose purpose : PURPOSES) {
            if ((mask & 1 << purpose.ordinal()) != 0) {
                purposes.add(purpose);
            }
        }
        return purposes;
    }
}
