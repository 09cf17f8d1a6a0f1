package dev.grat.consent;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * The purposes a visitor has granted now. A visitor who never answered has granted only
 * {@link Purpose#NECESSARY}: privacy by default.
 *
 * <p>{@link #granted()} is what the visitor agreed to; {@link #allows(Purpose)} is what Grat may do, which is
 * less while they object to profiling (no personalization or marketing, whatever a later banner answer grants)
 * or restrict processing (nothing but what the shop needs to work: their stored data stays untouched and new
 * events are kept only as anonymous counts).
 *
 * @param since      when this state was recorded, or null for the default state
 * @param objected   the visitor objects to profiling (GDPR art. 21)
 * @param restricted the visitor asked to restrict processing (GDPR art. 18)
 */
public record ConsentState(String visitorId, Set<Purpose> granted, Instant since, String policyVersion,
                           boolean objected, boolean restricted) {

    public ConsentState {
        granted = Set.copyOf(granted);
    }

    /** The state of a visitor who has not answered. */
    public static ConsentState defaultFor(String visitorId) {
        return new ConsentState(visitorId, EnumSet.of(Purpose.NECESSARY), null, null, false, false);
    }

    public static ConsentState of(ConsentEntry entry) {
        return new ConsentState(entry.visitorId(), entry.granted(), entry.recordedAt(), entry.policyVersion(),
                entry.objected(), entry.restricted());
    }

    /** Whether Grat may use the visitor's data for the purpose now. */
    public boolean allows(Purpose purpose) {
        if (purpose == Purpose.NECESSARY) {
            return true;
        }
        if (restricted) {
            return false;
        }
        // An objection covers every use that profiles the visitor; plain analytics stays as agreed.
        if (objected && purpose != Purpose.ANALYTICS) {
            return false;
        }
        return granted.contains(purpose);
    }

    /** Whether Grat may keep this visitor's events with their identifier (analytics or personalization). */
    public boolean allowsStoringEvents() {
        return allows(Purpose.ANALYTICS) || allows(Purpose.PERSONALIZATION);
    }
}
