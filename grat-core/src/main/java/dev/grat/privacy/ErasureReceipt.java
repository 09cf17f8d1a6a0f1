package dev.grat.privacy;

import java.time.Instant;
import java.util.List;

/**
 * What an erasure removed (GDPR art. 17). Grat keeps no copy of the receipt: it is the caller's proof.
 *
 * @param events         stored events removed
 * @param consentEntries consent ledger entries removed
 * @param identityLinks  customer links removed
 * @param removedFrom    every place the subject was removed from, in words
 */
public record ErasureReceipt(String visitorId, Instant erasedAt, int events, int consentEntries, int identityLinks,
                             List<String> removedFrom) {

    public ErasureReceipt {
        removedFrom = List.copyOf(removedFrom);
    }
}
