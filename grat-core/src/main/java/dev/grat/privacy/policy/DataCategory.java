package dev.grat.privacy.policy;

import dev.grat.consent.Purpose;
import dev.grat.event.EventType;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One kind of data Grat may keep, as the shop declares it in its data policy (GDPR art. 30 record of
 * processing): what it is, what for, on which legal basis, for how long, who receives it, and, for events, which
 * event types and fields belong to it. {@link DataPolicy} checks a category; this record only copies.
 *
 * @param id          short stable name, e.g. {@code interaction-events}
 * @param kind        where its records live (for the transparency report's counts)
 * @param purposes    the consent purposes it serves: an event field is kept only for a purpose the visitor granted
 * @param legalBasis  the legal basis in words, e.g. "Consent (GDPR art. 6(1)(a))"
 * @param retention   how long its records are kept
 * @param recipients  who receives the data (the shop's teams, processors)
 * @param eventTypes  the event types it covers (empty for data that is not events)
 * @param fields      the event fields it declares: {@code itemId}, {@code properties.campaign}, {@code properties.*}...
 */
public record DataCategory(String id, String description, DataKind kind, Set<Purpose> purposes, String legalBasis,
                           Duration retention, List<String> recipients, Set<EventType> eventTypes,
                           List<String> fields) {

    public DataCategory {
        purposes = purposes == null || purposes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(purposes));
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        eventTypes = eventTypes == null || eventTypes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(eventTypes));
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /** Whether this category covers the event type. */
    public boolean covers(EventType type) {
        return eventTypes.contains(type);
    }

    /** Whether this category serves at least one of the granted purposes. */
    public boolean servesAny(Set<Purpose> granted) {
        for (Purpose purpose : purposes) {
            if (granted.contains(purpose)) {
                return true;
            }
        }
        return false;
    }
}
