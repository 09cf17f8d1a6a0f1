package dev.grat.consent;

import java.util.Map;

/**
 * A visitor's answer to a consent request. Purposes not named keep their current state.
 *
 * @param purposes             purpose to granted (true) or refused (false)
 * @param source               where the answer was given, e.g. {@code banner}, {@code cmp}, {@code account}
 * @param policyVersion        the version of the privacy policy the visitor was shown
 * @param globalPrivacyControl the request carried {@code Sec-GPC: 1}: marketing is refused whatever was sent
 * @param noticeText           the notice text the visitor was shown (at most 8 KiB of UTF-8), or null; it
 *                             becomes part of the visitor's consent receipt
 */
public record ConsentChange(Map<Purpose, Boolean> purposes, String source, String policyVersion,
                            boolean globalPrivacyControl, String noticeText) {

    public ConsentChange {
        purposes = Map.copyOf(purposes);
    }

    /** An answer without the notice text. */
    public ConsentChange(Map<Purpose, Boolean> purposes, String source, String policyVersion,
                         boolean globalPrivacyControl) {
        this(purposes, source, policyVersion, globalPrivacyControl, null);
    }
}
