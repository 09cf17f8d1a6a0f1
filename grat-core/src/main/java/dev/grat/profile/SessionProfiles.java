package dev.grat.profile;

import dev.grat.EngineSettings;
import dev.grat.catalog.Catalog;
import dev.grat.event.Event;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Profiles of session-only visitors ("personalize this visit only"): built from the events of the visit as they
 * arrive, held in memory only, never written, never linked to a customer and never part of the model's training
 * data or of the shared co-occurrence counts. A session ends after {@link SessionSettings#idleTimeout()} without
 * events; at most {@link SessionSettings#maxSessions()} are kept, the least recently active dropped first. A
 * restart ends every session.
 */
public final class SessionProfiles {

    private final SessionSettings limits;
    private final EngineSettings settings;
    private final Catalog catalog;
    private final Clock clock;
    /**
     * Ordered by last event: an event moves its session to the end, so the first entry is always the least recently
     * active one (reading a session does not reorder it). Guarded by {@code this}.
     */
    private final LinkedHashMap<String, Session> sessions = new LinkedHashMap<>();

    public SessionProfiles(SessionSettings limits, EngineSettings settings, Catalog catalog, Clock clock) {
        this.limits = limits;
        this.settings = settings;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Adds one event of a session-only visitor to their session, starting one if needed. */
    public void apply(Event event) {
        Instant now = clock.instant();
        VisitorProfile profile;
        synchronized (this) {
            expire(now);
            Session session = sessions.remove(event.visitorId());
            if (session == null) {
                session = new Session(new VisitorProfile(event.visitorId(), settings));
            }
            session.lastActive = now;
            sessions.put(event.visitorId(), session);
            evictBeyondLimit();
            profile = session.profile;
        }
        // The pair changes are dropped: session visits add nothing to the shared "viewed together" counts.
        profile.apply(event, catalog);
    }

    /** The visitor's profile of this visit, if a session is open and holds anything. */
    public Optional<ProfileView> view(String visitorId, Instant now) {
        VisitorProfile profile;
        synchronized (this) {
            expire(clock.instant());
            Session session = sessions.get(visitorId);
            if (session == null) {
                return Optional.empty();
            }
            profile = session.profile;
        }
        return Optional.of(profile.view(now, null, catalog.index())).filter(view -> !view.isEmpty());
    }

    /** Ends the visitor's session (consent withdrawn, erasure); true if there was one. */
    public synchronized boolean drop(String visitorId) {
        return sessions.remove(visitorId) != null;
    }

    public synchronized boolean contains(String visitorId) {
        expire(clock.instant());
        return sessions.containsKey(visitorId);
    }

    /** How many sessions are open. */
    public synchronized int size() {
        expire(clock.instant());
        return sessions.size();
    }

    /** Drops idle sessions: they come first in the map, so the scan stops at the first active one. */
    private void expire(Instant now) {
        Instant cutoff = now.minus(limits.idleTimeout());
        Iterator<Map.Entry<String, Session>> oldestFirst = sessions.entrySet().iterator();
        while (oldestFirst.hasNext()) {
            if (!oldestFirst.next().getValue().lastActive.isBefore(cutoff)) {
                return;
            }
            oldestFirst.remove();
        }
    }

    private void evictBeyondLimit() {
        Iterator<String> oldestFirst = sessions.keySet().iterator();
        while (sessions.size() > limits.maxSessions()) {
            oldestFirst.next();
            oldestFirst.remove();
        }
    }

    /** One open session; {@code lastActive} is guarded by the enclosing {@link SessionProfiles}. */
    private static final class Session {
        final VisitorProfile profile;
        Instant lastActive;

        Session(VisitorProfile profile) {
            this.profile = profile;
        }
    }
}
