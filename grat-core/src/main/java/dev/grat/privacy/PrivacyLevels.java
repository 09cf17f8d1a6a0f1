package dev.grat.privacy;

import dev.grat.consent.ConsentBook;
import dev.grat.consent.ConsentState;
import dev.grat.consent.Purpose;
import dev.grat.declared.Declaration;
import dev.grat.declared.DeclaredBook;
import dev.grat.event.Event;
import dev.grat.profile.ProfileBook;
import dev.grat.profile.SessionProfiles;

import java.time.Instant;
import java.util.List;

/**
 * Where a visitor's privacy level is decided, once for every reader of profiles (recommendations, navigation,
 * content, learned decisions): from their consent and identity links, per request.
 * <ul>
 *   <li>no personalization and no session consent: {@link PrivacyLevel#CONTEXT};</li>
 *   <li>{@link Purpose#SESSION} without personalization: {@link PrivacyLevel#SESSION}, from the in-memory
 *       {@link SessionProfiles};</li>
 *   <li>{@link Purpose#PERSONALIZATION}: {@link PrivacyLevel#FIRST_PARTY}, or {@link PrivacyLevel#CROSS_CHANNEL}
 *       when the visitor id is linked to a customer.</li>
 * </ul>
 * It also keeps the session profiles in line with consent: it feeds them with the events of session-only
 * visitors and ends a session when the visitor leaves the session level.
 */
public final class PrivacyLevels {

    private final ConsentBook consents;
    private final ProfileBook profiles;
    private final SessionProfiles sessions;
    private final DeclaredBook declared;

    public PrivacyLevels(ConsentBook consents, ProfileBook profiles, SessionProfiles sessions, DeclaredBook declared) {
        this.consents = consents;
        this.profiles = profiles;
        this.sessions = sessions;
        this.declared = declared;
    }

    /** The visitor's level now; {@link PrivacyLevel#CONTEXT} for a request without a visitor id. */
    public PrivacyLevel levelOf(String visitorId) {
        return visitorId == null ? PrivacyLevel.CONTEXT : levelOf(consents.stateOf(visitorId));
    }

    private PrivacyLevel levelOf(ConsentState consent) {
        if (consent.allows(Purpose.PERSONALIZATION)) {
            return profiles.identities().customerOf(consent.visitorId()) != null
                    ? PrivacyLevel.CROSS_CHANNEL : PrivacyLevel.FIRST_PARTY;
        }
        return consent.allows(Purpose.SESSION) ? PrivacyLevel.SESSION : PrivacyLevel.CONTEXT;
    }

    /**
     * The visitor's level and the profile that level allows (null when none, or nothing known yet), with their
     * declared preferences at the stored-profile levels (a session visitor's declaration, if any was kept before,
     * is not used: the session level uses this visit only).
     */
    public PersonalView view(String visitorId, Instant now) {
        PrivacyLevel level = levelOf(visitorId);
        return switch (level) {
            case CONTEXT -> PersonalView.contextOnly();
            case SESSION -> new PersonalView(level, sessions.view(visitorId, now).orElse(null));
            case FIRST_PARTY, CROSS_CHANNEL -> new PersonalView(level, profiles.view(visitorId, now).orElse(null),
                    declared.of(visitorId).map(Declaration::preferences).orElse(null));
        };
    }

    /**
     * Adds newly stored events, as sent, to the sessions of session-only visitors. Their events were stored only
     * as anonymous counts; this is the one place that keeps more of them, in memory.
     */
    public void onNewEvents(List<Event> events) {
        for (Event event : events) {
            if (event.visitorId() != null && levelOf(event.visitorId()) == PrivacyLevel.SESSION) {
                sessions.apply(event);
            }
        }
    }

    /** Ends the session when the visitor leaves the session level (withdrawal, or a stored profile instead). */
    public void onConsentChanged(ConsentState before, ConsentState after) {
        if (levelOf(after) != PrivacyLevel.SESSION) {
            sessions.drop(after.visitorId());
        }
    }

    /** Forgets the visitor's session (erasure); true if there was one. */
    public boolean forget(String visitorId) {
        return sessions.drop(visitorId);
    }

    /** The open sessions, for metrics and tests. */
    public SessionProfiles sessions() {
        return sessions;
    }
}
