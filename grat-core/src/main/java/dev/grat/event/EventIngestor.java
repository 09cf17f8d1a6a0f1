package dev.grat.event;

import dev.grat.EngineSettings;
import dev.grat.InvalidInputException;
import dev.grat.consent.ConsentBook;
import dev.grat.consent.ConsentState;
import dev.grat.consent.Purpose;
import dev.grat.privacy.policy.DataPolicy;
import dev.grat.privacy.policy.FieldFilter;
import dev.grat.privacy.policy.Minimisation;
import dev.grat.profile.ProfileBook;
import dev.grat.recommend.CoOccurrence;
import dev.grat.recommend.Popularity;
import dev.grat.store.EventStore;
import dev.grat.store.IngestBatch;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The path of an event: validate, decide by consent and the data policy what may be kept (the event without the
 * fields the policy does not declare for a granted purpose, or only an anonymous count), commit durably, then
 * update the in-memory state. Where consent and data minimisation are enforced for events.
 */
public final class EventIngestor {

    private final EngineSettings settings;
    private final Clock clock;
    private final EventValidator validator;
    private final EventStore store;
    private final ConsentBook consents;
    private final ProfileBook profiles;
    private final Popularity popularity;
    private final CoOccurrence coOccurrence;
    private final Minimisation minimisation;
    private final Engagement engagement = new Engagement();
    private volatile java.util.function.LongConsumer personalEventsListener = n -> { };
    private volatile Consumer<List<Event>> newEventsListener = events -> { };
    /** Bounds the threads validating and applying events ({@link EngineSettings#ingestConcurrency()}); fair. */
    private final Semaphore permits;

    /** An ingestor that minimises by {@link DataPolicy#defaultPolicy()}, which declares every field Grat uses. */
    public EventIngestor(EngineSettings settings, Clock clock, EventStore store, ConsentBook consents,
                         ProfileBook profiles, Popularity popularity, CoOccurrence coOccurrence) {
        this(settings, clock, store, consents, profiles, popularity, coOccurrence,
                Minimisation.of(DataPolicy.defaultPolicy()));
    }

    /** An ingestor that keeps of each event only the fields {@code minimisation} allows. */
    public EventIngestor(EngineSettings settings, Clock clock, EventStore store, ConsentBook consents,
                         ProfileBook profiles, Popularity popularity, CoOccurrence coOccurrence,
                         Minimisation minimisation) {
        this.minimisation = minimisation;
        this.settings = settings;
        this.permits = new Semaphore(settings.ingestConcurrency(), true);
        this.clock = clock;
        this.validator = new EventValidator(settings.maxClockSkew());
        this.store = store;
        this.consents = consents;
        this.profiles = profiles;
        this.popularity = popularity;
        this.coOccurrence = coOccurrence;
    }

    /**
     * Validates, sorts by consent, commits durably and applies a batch. The validating and applying run with one
     * of {@link EngineSettings#ingestConcurrency()} permits; the commit waits without one.
     */
    public IngestResult track(List<Event> events, TrackContext context) {
        if (events == null || events.isEmpty()) {
            throw new InvalidInputException("events", "must hold at least one event");
        }
        if (events.size() > settings.maxBatchSize()) {
            throw new InvalidInputException("events", "holds " + events.size() + " events; at most "
                    + settings.maxBatchSize() + " per batch");
        }
        Sorted sorted = withPermit(() -> sort(events, context));
        Set<String> fresh = sorted.personal().isEmpty() && sorted.anonymous().isEmpty() ? Set.of()
                : store.commit(new IngestBatch(sorted.personal(), sorted.anonymous()));
        Applied applied = withPermit(() -> applyFresh(sorted, fresh));
        if (applied.personal() > 0) {
            personalEventsListener.accept(applied.personal());
        }
        if (!applied.originals().isEmpty()) {
            newEventsListener.accept(applied.originals());
        }
        int accepted = sorted.personal().size() + sorted.anonymous().size() + sorted.repeatedInBatch();
        return new IngestResult(accepted, accepted - applied.personal() - applied.anonymous(), applied.personal(),
                applied.anonymous(), sorted.rejected(), applied.droppedFields());
    }

    /** A batch sorted for storage: what to keep with the visitor's id, what only as a count, what was refused. */
    private record Sorted(List<Rejection> rejected, List<Event> personal, List<Event> personalOriginals,
                          List<Integer> personalDropped, List<Event> anonymous, List<Event> anonymousOriginals,
                          int repeatedInBatch) {
    }

    /** What a batch changed in memory: the events stored for the first time. */
    private record Applied(int personal, int anonymous, int droppedFields, List<Event> originals) {
    }

    private <T> T withPermit(Supplier<T> work) {
        permits.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }

    private Sorted sort(List<Event> events, TrackContext context) {
        Instant now = clock.instant();
        List<Rejection> rejected = new ArrayList<>();
        List<Event> personal = new ArrayList<>();
        List<Event> personalOriginals = new ArrayList<>();
        List<Integer> personalDropped = new ArrayList<>();
        List<Event> anonymous = new ArrayList<>();
        List<Event> anonymousOriginals = new ArrayList<>();
        Set<String> idsInBatch = new HashSet<>();
        int repeatedInBatch = 0;
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            if (event == null) {
                rejected.add(new Rejection(i, null, new FieldError("events[" + i + "]", "must be an event object")));
                continue;
            }
            List<FieldError> errors = validator.validate(event, now);
            if (!errors.isEmpty()) {
                rejected.add(new Rejection(i, event.id(), errors.getFirst()));
            } else if (!idsInBatch.add(event.id())) {
                repeatedInBatch++;
            } else {
                int before = anonymous.size();
                classify(event, consents.stateOf(event.visitorId()), context, personal, anonymous, personalDropped);
                (anonymous.size() > before ? anonymousOriginals : personalOriginals).add(event);
            }
        }
        return new Sorted(rejected, personal, personalOriginals, personalDropped, anonymous, anonymousOriginals,
                repeatedInBatch);
    }

    private Applied applyFresh(Sorted sorted, Set<String> fresh) {
        List<Event> originals = new ArrayList<>(fresh.size());
        int personal = 0;
        int droppedFields = 0;
        for (int i = 0; i < sorted.personal().size(); i++) {
            Event event = sorted.personal().get(i);
            if (fresh.contains(event.id())) {
                personal++;
                droppedFields += sorted.personalDropped().get(i);
                applyPersonal(event);
                engagement.count(event);
                originals.add(sorted.personalOriginals().get(i));
            }
        }
        int anonymous = 0;
        for (int i = 0; i < sorted.anonymous().size(); i++) {
            if (fresh.contains(sorted.anonymous().get(i).id())) {
                anonymous++;
                popularity.addAnonymous(sorted.anonymous().get(i));
                // The slot property is dropped before storage but counted here: a count per slot names nobody.
                engagement.count(sorted.anonymousOriginals().get(i));
                originals.add(sorted.anonymousOriginals().get(i));
            }
        }
        return new Applied(personal, anonymous, droppedFields, List.copyOf(originals));
    }

    /**
     * Data minimisation by consent and policy: e-mail tracking needs marketing; any other event is kept with the
     * visitor's id only with analytics or personalization, and only when a policy category of kind events covers
     * its type for a granted purpose; the customer id only with personalization. Of a kept event, the fields that
     * no category covering its type declares for a granted purpose are dropped (their number goes to
     * {@code dropped}). Everything else becomes an anonymous count.
     */
    private void classify(Event event, ConsentState consent, TrackContext context, List<Event> personal,
                          List<Event> anonymous, List<Integer> dropped) {
        boolean marketing = consent.allows(Purpose.MARKETING) && !context.globalPrivacyControl();
        boolean keep = event.type().isEmail() ? marketing && consent.allowsStoringEvents() : consent.allowsStoringEvents();
        Minimisation.Rule rule = keep ? minimisation.rule(event.type(), effectivePurposes(consent, marketing)) : null;
        if (rule == null || !rule.storable()) {
            anonymous.add(event.anonymized());
            return;
        }
        Event consented = event.customerId() != null && !consent.allows(Purpose.PERSONALIZATION)
                ? event.withoutCustomerId() : event;
        FieldFilter.Minimised minimised = rule.filter().apply(consented);
        personal.add(minimised.event());
        dropped.add(minimised.dropped());
    }

    /** The granted purposes, less marketing when Global Privacy Control refuses it. */
    private static Set<Purpose> effectivePurposes(ConsentState consent, boolean marketing) {
        if (marketing || !consent.allows(Purpose.MARKETING)) {
            return consent.granted();
        }
        EnumSet<Purpose> granted = EnumSet.copyOf(consent.granted());
        granted.remove(Purpose.MARKETING);
        return granted;
    }

    private void applyPersonal(Event event) {
        popularity.add(event, 1);
        if (consents.stateOf(event.visitorId()).allows(Purpose.PERSONALIZATION)) {
            coOccurrence.apply(profiles.apply(event), 1);
        }
    }

    /** Tells {@code listener} how many new personal events each batch stored. */
    public void onPersonalEvents(java.util.function.LongConsumer listener) {
        this.personalEventsListener = listener;
    }

    /**
     * Tells {@code listener} about the events of each batch that were stored for the first time (never a
     * duplicate), as they were sent: before anonymization, so that a click of a visitor without consent still
     * carries its decision id. The listener must keep nothing that the visitor's consent does not allow.
     */
    public void onNewEvents(Consumer<List<Event>> listener) {
        this.newEventsListener = listener;
    }

    /** Engagement counted since start-up. */
    public Engagement.Snapshot engagement() {
        return engagement.snapshot();
    }

    /** Rebuilds popularity, profiles and co-occurrence from the store (at start-up). */
    public void replay() {
        store.forEachTally(popularity::addTally);
        store.forEachEvent(this::applyPersonal);
    }

    /**
     * Cluster mode: events another node committed (as stored: personal events minimised, anonymous events
     * anonymized) update popularity, profiles and co-occurrence here, in memory only. The caller makes sure each
     * event is applied once.
     */
    public void applyStored(List<Event> personal, List<Event> anonymous) {
        personal.forEach(this::applyPersonal);
        anonymous.forEach(popularity::addAnonymous);
        if (!personal.isEmpty()) {
            personalEventsListener.accept(personal.size());
        }
    }

    /**
     * Keeps profiles in line with consent: a visitor who grants personalization gets a profile from their
     * stored events; one who withdraws it loses the profile and their share of the co-occurrence counts.
     */
    public void onConsentChanged(ConsentState before, ConsentState after) {
        boolean was = before.allows(Purpose.PERSONALIZATION);
        boolean is = after.allows(Purpose.PERSONALIZATION);
        if (was && !is) {
            coOccurrence.apply(profiles.remove(after.visitorId()), -1);
        } else if (!was && is && !profiles.contains(after.visitorId())) {
            for (Event event : store.eventsOf(after.visitorId())) {
                coOccurrence.apply(profiles.apply(event), 1);
            }
        }
    }
}
