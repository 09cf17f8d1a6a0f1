package dev.grat.consent;

import java.time.Instant;
import java.util.Set;

/**
 * One entry of the consent ledger: the full set of purposes a visitor had granted from {@code recordedAt}
 * on. Entries are appended, never changed.
 */
public record ConsentEntry(String visitorId, Set<Purpose> granted, Instant recordedAt, String source,
                           String policyVersion, boolean globalPrivacyControl) {

    public ConsentEntry {
        granted = Set.copyOf(granted);
    }
}
