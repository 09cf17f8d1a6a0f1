package dev.grat.consent;

import java.time.Instant;
import java.util.Set;

/**
 * One entry of the consent ledger: the full set of purposes a visitor had granted from {@code recordedAt}
 * on, and whether they objected to profiling or asked to restrict processing. Entries are appended, never
 * changed; erasure turns them into tombstones ({@link LedgerRow}).
 *
 * @param noticeHash SHA-256 (hex) of the notice text the visitor was shown, or null when none was sent
 * @param objected   the visitor objects to profiling and marketing (GDPR art. 21)
 * @param restricted the visitor asked to restrict processing (GDPR art. 18): data is kept, not used
 */
public record ConsentEntry(String visitorId, Set<Purpose> granted, Instant recordedAt, String source,
                           String policyVersion, boolean globalPrivacyControl, String noticeHash, boolean objected,
                           boolean restricted) {

    public ConsentEntry {
        granted = Set.copyOf(granted);
    }

    /** An entry without notice, objection or restriction. */
    public ConsentEntry(String visitorId, Set<Purpose> granted, Instant recordedAt, String source,
                        String policyVersion, boolean globalPrivacyControl) {
        this(visitorId, granted, recordedAt, source, policyVersion, globalPrivacyControl, null, false, false);
    }
}
