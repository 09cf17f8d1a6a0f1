package dev.grat.decide.bandit;

import dev.grat.privacy.PrivacyLevel;
import dev.grat.profile.ProfileView;

import java.time.Instant;

/**
 * What the decision service may know about a visitor, decided by the engine's consent rules: the port through
 * which it reads consent and profiles without depending on how they are kept.
 */
@FunctionalInterface
public interface VisitorSignals {

    /** The visitor as the decision may see them now. */
    Visit lookup(String visitorId, Instant now);

    /**
     * @param keepId  whether the decision log may keep the visitor id (analytics or personalization consent)
     * @param profile the visitor's profile, only at a level that allows one (the session's at level session);
     *                null otherwise
     * @param level   the visitor's privacy level
     */
    record Visit(boolean keepId, ProfileView profile, PrivacyLevel level) {

        public Visit {
            if (level == null) {
                throw new IllegalArgumentException("level is required");
            }
        }

        /** A visitor with a stored profile (first party) or none (context only). */
        public Visit(boolean keepId, ProfileView profile) {
            this(keepId, profile, profile == null ? PrivacyLevel.CONTEXT : PrivacyLevel.FIRST_PARTY);
        }

        /** A visitor without consent: context only, nothing kept. */
        public static Visit anonymous() {
            return new Visit(false, null, PrivacyLevel.CONTEXT);
        }
    }
}
