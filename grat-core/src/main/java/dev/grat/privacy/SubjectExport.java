package dev.grat.privacy;

import dev.grat.consent.ConsentRecord;
import dev.grat.decide.bandit.DecisionRecord;
import dev.grat.declared.Declaration;
import dev.grat.event.Event;
import dev.grat.profile.ProfileView;
import dev.grat.store.IdentityLink;

import java.time.Instant;
import java.util.List;

/**
 * Everything Grat keeps or derives about one visitor (GDPR art. 15 and 20).
 *
 * @param profile   the profile built from the visitor's events, or null when there is none
 * @param decisions the decisions logged with the visitor's id (offers, banners, greetings chosen for them), each
 *                  with the features and feature groups it used and what followed it
 * @param declared  what the visitor declared about themselves (preferences, sizes), or null when nothing
 */
public record SubjectExport(String visitorId, Instant exportedAt, ConsentRecord consent, List<Event> events,
                            ProfileView profile, List<IdentityLink> identityLinks, List<DecisionRecord> decisions,
                            Declaration declared) {

    public SubjectExport {
        events = List.copyOf(events);
        identityLinks = List.copyOf(identityLinks);
        decisions = List.copyOf(decisions);
    }

    /** An export without declared preferences. */
    public SubjectExport(String visitorId, Instant exportedAt, ConsentRecord consent, List<Event> events,
                         ProfileView profile, List<IdentityLink> identityLinks, List<DecisionRecord> decisions) {
        this(visitorId, exportedAt, consent, events, profile, identityLinks, decisions, null);
    }
}
