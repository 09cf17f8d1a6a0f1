package dev.grat.consent;

import dev.grat.InvalidInputException;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Maps a TCF v2.x consent signal from the shop's consent management platform to Grat's purposes. Grat acts
 * for the shop (first party), so a TCF purpose counts when the visitor consented to it globally or for the
 * publisher. Every Grat purpose needs TCF purpose 1 (store and access information on a device) plus:
 * <ul>
 *   <li>{@code analytics}: 8 (measure content performance) or 9 (understand audiences through statistics);</li>
 *   <li>{@code personalization}: 5 (create profiles to personalise content) and 6 (use profiles to select
 *       personalised content);</li>
 *   <li>{@code marketing}: 3 (create profiles for personalised advertising) and 4 (use them to select
 *       personalised advertising).</li>
 * </ul>
 * A signal older than 13 months is expired (the TCF policy asks to renew consent by then) and is refused.
 */
public final class TcfPurposes {

    /** The TCF policy's longest time before consent must be asked again. */
    public static final Duration MAX_AGE = Duration.ofDays(395);
    private static final Duration MAX_FUTURE = Duration.ofDays(1);

    private TcfPurposes() {
    }

    /** The consent change the signal means; refused with the field {@code tcString} when unusable. */
    public static ConsentChange toChange(TcfSignal signal, Instant now, String source, boolean globalPrivacyControl) {
        if (signal.version() != 2) {
            throw new InvalidInputException("tcString", "is a TCF v" + signal.version() + " string; Grat reads TCF v2.x");
        }
        if (signal.lastUpdated().isBefore(now.minus(MAX_AGE))) {
            throw new InvalidInputException("tcString", "expired: last updated " + signal.lastUpdated()
                    + ", more than 13 months ago; the consent platform must ask the visitor again");
        }
        if (signal.lastUpdated().isAfter(now.plus(MAX_FUTURE))) {
            throw new InvalidInputException("tcString", "was last updated in the future (" + signal.lastUpdated() + ")");
        }
        Set<Integer> granted = new HashSet<>(signal.purposeConsents());
        granted.addAll(signal.publisherPurposeConsents());
        boolean device = granted.contains(1);
        Map<Purpose, Boolean> purposes = new EnumMap<>(Purpose.class);
        purposes.put(Purpose.ANALYTICS, device && (granted.contains(8) || granted.contains(9)));
        purposes.put(Purpose.PERSONALIZATION, device && granted.contains(5) && granted.contains(6));
        purposes.put(Purpose.MARKETING, device && granted.contains(3) && granted.contains(4));
        return new ConsentChange(purposes, source == null ? "tcf" : source, "tcf-policy-" + signal.policyVersion(),
                globalPrivacyControl);
    }
}
