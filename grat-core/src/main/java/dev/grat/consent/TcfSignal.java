package dev.grat.consent;

import java.time.Instant;
import java.util.Set;

/**
 * What a decoded IAB TCF consent string says, as far as Grat needs it. Decoding is an adapter's job (the
 * server uses the IAB's own decoder); the engine only maps these facts to its purposes ({@link TcfPurposes}).
 *
 * @param version                  the TC string format version (2 for TCF v2.x)
 * @param policyVersion            the TCF policy version (4 for TCF v2.2)
 * @param lastUpdated              when the visitor last answered the consent platform
 * @param purposeConsents          TCF purposes (1 to 11) the visitor consented to
 * @param publisherPurposeConsents TCF purposes consented to for the publisher itself (publisher TC segment)
 */
public record TcfSignal(int version, int policyVersion, Instant lastUpdated, Set<Integer> purposeConsents,
                        Set<Integer> publisherPurposeConsents) {

    public TcfSignal {
        purposeConsents = Set.copyOf(purposeConsents);
        publisherPurposeConsents = Set.copyOf(publisherPurposeConsents);
    }
}
