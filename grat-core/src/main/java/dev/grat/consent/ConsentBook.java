package dev.grat.consent;

import dev.grat.InvalidInputException;
import dev.grat.catalog.Identifiers;
import dev.grat.event.FieldError;
import dev.grat.store.ConsentStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * Where consent is decided: the ledger in the {@link ConsentStore} plus the current state of every visitor
 * in memory. Everything else asks this book before it keeps or uses a visitor's data.
 */
public final class ConsentBook {

    private static final int MAX_TEXT = 128;

    private final ConsentStore store;
    private final Clock clock;
    private final Map<String, ConsentState> current = new ConcurrentHashMap<>();
    private final Object[] locks = new Object[64];
    private final List<BiConsumer<ConsentState, ConsentState>> listeners = new CopyOnWriteArrayList<>();

    public ConsentBook(ConsentStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
        store.forEachLatest(entry -> current.put(entry.visitorId(), ConsentState.of(entry)));
    }

    /** Calls {@code listener(before, after)} after every recorded change. */
    public void onChange(BiConsumer<ConsentState, ConsentState> listener) {
        listeners.add(listener);
    }

    /** The visitor's current state; the default (necessary only) when they never answered. */
    public ConsentState stateOf(String visitorId) {
        ConsentState state = visitorId == null ? null : current.get(visitorId);
        return state != null ? state : ConsentState.defaultFor(visitorId);
    }

    public ConsentRecord recordOf(String visitorId) {
        requireVisitorId(visitorId);
        return new ConsentRecord(stateOf(visitorId), store.history(visitorId));
    }

    /** Validates the change, appends it to the ledger and makes it the visitor's current state. */
    public ConsentRecord record(String visitorId, ConsentChange change) {
        requireVisitorId(visitorId);
        validate(change);
        ConsentState before;
        ConsentState after;
        synchronized (locks[Math.floorMod(visitorId.hashCode(), locks.length)]) {
            before = stateOf(visitorId);
            ConsentEntry entry = new ConsentEntry(visitorId, apply(before.granted(), change), clock.instant(),
                    change.source(), change.policyVersion(), change.globalPrivacyControl());
            store.append(entry);
            after = ConsentState.of(entry);
            current.put(visitorId, after);
        }
        for (BiConsumer<ConsentState, ConsentState> listener : listeners) {
            listener.accept(before, after);
        }
        return new ConsentRecord(after, store.history(visitorId));
    }

    /** Drops the visitor's state from memory (after erasure): they are back to the default. */
    public void forget(String visitorId) {
        current.remove(visitorId);
    }

    /** How many visitors currently grant each purpose (visitors who never answered grant only necessary). */
    public Map<Purpose, Long> grantedCounts() {
        Map<Purpose, Long> counts = new java.util.EnumMap<>(Purpose.class);
        for (Purpose purpose : Purpose.values()) {
            counts.put(purpose, 0L);
        }
        for (ConsentState state : current.values()) {
            state.granted().forEach(p -> counts.merge(p, 1L, Long::sum));
        }
        return counts;
    }

    /** How many visitors have answered. */
    public int size() {
        return current.size();
    }

    private static Set<Purpose> apply(Set<Purpose> granted, ConsentChange change) {
        EnumSet<Purpose> next = EnumSet.of(Purpose.NECESSARY);
        next.addAll(granted);
        change.purposes().forEach((purpose, yes) -> {
            if (yes) {
                next.add(purpose);
            } else {
                next.remove(purpose);
            }
        });
        if (change.globalPrivacyControl()) {
            next.remove(Purpose.MARKETING);
        }
        return next;
    }

    private static void validate(ConsentChange change) {
        List<FieldError> errors = new ArrayList<>();
        if (Boolean.FALSE.equals(change.purposes().get(Purpose.NECESSARY))) {
            errors.add(new FieldError("purposes.necessary", "cannot be refused: it covers only what the shop needs to work"));
        }
        checkText(change.source(), "source", errors);
        checkText(change.policyVersion(), "policyVersion", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static void checkText(String value, String field, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.length() > MAX_TEXT) {
            errors.add(new FieldError(field, "must be at most " + MAX_TEXT + " characters"));
        }
    }

    private static void requireVisitorId(String visitorId) {
        List<FieldError> errors = new ArrayList<>();
        Identifiers.check(visitorId, "visitorId", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
