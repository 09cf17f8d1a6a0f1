package dev.grat.privacy.policy;

import dev.grat.InvalidInputException;
import dev.grat.event.EventType;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shop's data policy: every data category Grat may keep, each with its purposes, legal basis, retention,
 * recipients and the event fields that belong to it. Grat keeps nothing of an event that no category declares
 * for a purpose the visitor granted (see {@link Minimisation}), and the transparency report is written from it.
 * A policy is checked when it is made: an invalid one throws {@link InvalidInputException} naming each field at
 * fault by its path ({@code categories[2].retention}).
 *
 * @param version           the policy's version, shown in consent receipts and the report
 * @param controllerName    who decides on the processing (the shop)
 * @param controllerContact how to reach the controller or its data protection officer
 */
public record DataPolicy(String version, String controllerName, String controllerContact,
                         List<DataCategory> categories) {

    public DataPolicy {
        categories = categories == null ? List.of() : List.copyOf(categories);
        var errors = PolicyCheck.errors(version, controllerName, controllerContact, categories);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    /** The policy Grat ships with: it declares everything Grat keeps, so that nothing is dropped by default. */
    public static DataPolicy defaultPolicy() {
        return DefaultPolicy.create();
    }

    /** The category with this id. */
    public Optional<DataCategory> category(String id) {
        return categories.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /**
     * How long stored events of each type are kept: the longest retention of the {@link DataKind#EVENTS} categories
     * that cover the type (an event may be kept while one of the purposes it serves still needs it). A type that no
     * such category covers is absent: Grat stores no such event with an identifier.
     */
    public Map<EventType, Duration> retentionByEventType() {
        Map<EventType, Duration> retention = new EnumMap<>(EventType.class);
        for (DataCategory category : categories) {
            if (category.kind() != DataKind.EVENTS) {
                continue;
            }
            for (EventType type : category.eventTypes()) {
                retention.merge(type, category.retention(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        return Map.copyOf(retention);
    }
}
