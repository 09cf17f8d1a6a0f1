package dev.grat.consent;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * The purposes a visitor has granted now. A visitor who never answered has granted only
 * {@link Purpose#NECESSARY}: privacy by default.
 *
 * @param since when this state was recorded, or null for the default state
 */
public record ConsentState(String visitorId, Set<Purpose> granted, Instant since, String policyVersion) {

    public ConsentState {
        granted = Set.copyOf(granted);
    }

    /** The state of a visitor who has not answered. */
    public static ConsentState defaultFor(String visitorId) {
        return new ConsentState(visitorId, EnumSet.of(Purpose.NECESSARY), null, null);
    }

    public static ConsentState of(ConsentEntry entry) {
        return new ConsentState(entry.visitorId(), entry.granted(), entry.recordedAt(), entry.policyVersion());
    }

    public boolean allows(Purpose purpose) {
        return granted.contains(purpose);
    }

    /** Whether Grat may keep this visitor's events with their identifier (analytics or personalization). */
    public boolean allowsStoringEvents() {
        return allows(Purpose.ANALYTICS) || allows(Purpose.PERSONALIZATION);
    }
}
