package dev.grat.consent;

import java.time.Instant;
import java.util.Set;

/**
 * Proof of a visitor's current consent: what they agreed to and refused, when, where, under which policy and
 * notice text, and the ledger entry that holds it (its sequence and hash, which {@link LedgerVerifier} checks).
 *
 * @param noticeText the notice the visitor was shown with this answer or the last one that carried a text;
 *                   null when the shop never sent one
 */
public record ConsentReceipt(String visitorId, Set<Purpose> agreed, Set<Purpose> refused, Instant recordedAt,
                             String source, String policyVersion, String noticeHash, String noticeText,
                             boolean globalPrivacyControl, boolean objected, boolean restricted, long sequence,
                             String entryHash) {

    public ConsentReceipt {
        agreed = Set.copyOf(agreed);
        refused = Set.copyOf(refused);
    }
}
