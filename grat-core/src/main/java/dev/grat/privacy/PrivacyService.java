package dev.grat.privacy;

import dev.grat.InvalidInputException;
import dev.grat.catalog.Identifiers;
import dev.grat.consent.ConsentBook;
import dev.grat.decide.bandit.DecisionService;
import dev.grat.declared.DeclaredBook;
import dev.grat.event.Event;
import dev.grat.event.FieldError;
import dev.grat.profile.ProfileBook;
import dev.grat.recommend.CoOccurrence;
import dev.grat.recommend.Popularity;
import dev.grat.store.ErasedRecords;
import dev.grat.store.Store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Access (export) and erasure of one visitor's data, across the store and every in-memory structure. */
public final class PrivacyService {

    private final Store store;
    private final ConsentBook consents;
    private final ProfileBook profiles;
    private final Popularity popularity;
    private final CoOccurrence coOccurrence;
    private final DecisionService decisions;
    private final DeclaredBook declared;
    private final Clock clock;

    public PrivacyService(Store store, ConsentBook consents, ProfileBook profiles, Popularity popularity,
                          CoOccurrence coOccurrence, DecisionService decisions, DeclaredBook declared, Clock clock) {
        this.declared = declared;
        this.store = store;
        this.consents = consents;
        this.profiles = profiles;
        this.popularity = popularity;
        this.coOccurrence = coOccurrence;
        this.decisions = decisions;
        this.clock = clock;
    }

    public SubjectExport export(String visitorId) {
        requireVisitorId(visitorId);
        return new SubjectExport(visitorId, clock.instant(), consents.recordOf(visitorId),
                store.events().eventsOf(visitorId), profiles.ownView(visitorId, clock.instant()).orElse(null),
                store.identities().linksOfVisitor(visitorId), decisions.decisionsOf(visitorId),
                declared.of(visitorId).orElse(null));
    }

    /**
     * Erases the visitor: their stored events, consent entries, identity links and declared preferences, their profile, their logged
     * decisions and what the decision policies learned from them, and their share of popularity and
     * co-occurrence counts. Anonymous counts made before consent hold nothing that points to them and stay.
     */
    public ErasureReceipt erase(String visitorId) {
        requireVisitorId(visitorId);
        List<Event> events = store.events().eventsOf(visitorId);
        // Decisions go first: a store that shares its files with the decision log (the embedded one) scrubs the
        // freed bytes of both in the erasure that follows.
        int erasedDecisions = decisions.eraseVisitor(visitorId);
        ErasedRecords erased = store.eraseVisitor(visitorId);
        for (Event event : events) {
            popularity.add(event, -1);
        }
        boolean hadProfile = profiles.contains(visitorId);
        coOccurrence.apply(profiles.remove(visitorId), -1);
        consents.forget(visitorId);
        declared.forget(visitorId);
        List<String> removedFrom = new ArrayList<>(List.of("event store", "consent ledger", "identity links",
                "popularity counts"));
        if (erased.declaredPreferences() > 0) {
            removedFrom.add("declared preferences");
        }
        if (hadProfile) {
            removedFrom.add("profile");
            removedFrom.add("co-occurrence counts");
        }
        removedFrom.add("decision log (" + erasedDecisions + (erasedDecisions == 1 ? " decision)" : " decisions)"));
        if (erasedDecisions > 0) {
            removedFrom.add("decision policies (what they learned from the visitor's decisions)");
        }
        return new ErasureReceipt(visitorId, clock.instant(), erased.events(), erased.consentEntries(),
                erased.identityLinks(), removedFrom);
    }

    /**
     * Cluster mode: another node erased the visitor from the shared store; this removes them from this node's
     * memory (their share of popularity, given as the erased events, their profile and co-occurrence share, their
     * consent state, and the decisions this node logged for them).
     */
    public void forgetErased(String visitorId, List<Event> erasedEvents) {
        decisions.eraseVisitor(visitorId);
        for (Event event : erasedEvents) {
            popularity.add(event, -1);
        }
        coOccurrence.apply(profiles.remove(visitorId), -1);
        consents.forget(visitorId);
        declared.forget(visitorId);
    }

    private static void requireVisitorId(String visitorId) {
        List<FieldError> errors = new ArrayList<>();
        Identifiers.check(visitorId, "visitorId", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
