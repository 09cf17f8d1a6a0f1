package dev.grat.consent;

import dev.grat.InvalidInputException;
import dev.grat.catalog.Identifiers;
import dev.grat.event.FieldError;
import dev.grat.store.ConsentStore;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Where consent is decided: the ledger in the {@link ConsentStore} plus the current state of every visitor
 * in memory. Everything else asks this book before it keeps or uses a visitor's data.
 *
 * <p>Every change (a consent answer, an objection, a restriction, or lifting one) is a new ledger entry that
 * carries the full state, so the newest entry alone says what Grat may do, also after a restart.
 */
public final class ConsentBook {

    private static final int MAX_TEXT = 128;
    /** The longest notice text kept with a consent answer, in UTF-8 bytes. */
    public static final int MAX_NOTICE_BYTES = 8 * 1024;

    private final ConsentStore store;
    private final Clock clock;
    private final Map<String, ConsentState> current = new ConcurrentHashMap<>();
    private final Object[] locks = new Object[64];
    private final List<BiConsumer<ConsentState, ConsentState>> listeners = new CopyOnWriteArrayList<>();
    private final SecureRandom saltSource = new SecureRandom();

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
        String noticeHash = null;
        if (change.noticeText() != null) {
            // Texts are not personal data: kept once, however many visitors saw them.
            noticeHash = ConsentChain.sha256(change.noticeText());
            store.putNotice(noticeHash, change.noticeText());
        }
        String notice = noticeHash;
        return append(visitorId, before -> new ConsentEntry(visitorId, apply(before.granted(), change),
                clock.instant().truncatedTo(ChronoUnit.MILLIS), change.source(), change.policyVersion(),
                change.globalPrivacyControl(), notice, before.objected(), before.restricted()));
    }

    /**
     * Records that the visitor objects to profiling (GDPR art. 21), or lifts the objection. While it stands,
     * {@link ConsentState#allows} refuses personalization and marketing whatever the granted purposes say.
     */
    public ConsentRecord setObjection(String visitorId, boolean active, String source) {
        return setFlag(visitorId, source, before -> flagged(before, active, before.restricted()));
    }

    /**
     * Records that the visitor restricts processing (GDPR art. 18), or lifts the restriction. While it stands,
     * their stored data is kept but not used, and their new events are kept only as anonymous counts.
     */
    public ConsentRecord setRestriction(String visitorId, boolean active, String source) {
        return setFlag(visitorId, source, before -> flagged(before, before.objected(), active));
    }

    private ConsentRecord setFlag(String visitorId, String source, UnaryOperator<ConsentState> change) {
        requireVisitorId(visitorId);
        List<FieldError> errors = new ArrayList<>();
        checkText(source, "source", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return append(visitorId, before -> {
            ConsentState after = change.apply(before);
            return new ConsentEntry(visitorId, after.granted(), clock.instant().truncatedTo(ChronoUnit.MILLIS),
                    source, before.policyVersion(), false, null, after.objected(), after.restricted());
        });
    }

    private static ConsentState flagged(ConsentState state, boolean objected, boolean restricted) {
        return new ConsentState(state.visitorId(), state.granted(), state.since(), state.policyVersion(), objected,
                restricted);
    }

    /** Appends the entry made from the visitor's current state, under the visitor's lock, then tells listeners. */
    private ConsentRecord append(String visitorId, Function<ConsentState, ConsentEntry> next) {
        ConsentState before;
        ConsentState after;
        synchronized (locks[Math.floorMod(visitorId.hashCode(), locks.length)]) {
            before = stateOf(visitorId);
            ConsentEntry entry = next.apply(before);
            store.append(entry, ConsentChain.newSalt(saltSource));
            after = ConsentState.of(entry);
            current.put(visitorId, after);
        }
        for (BiConsumer<ConsentState, ConsentState> listener : listeners) {
            listener.accept(before, after);
        }
        return new ConsentRecord(after, store.history(visitorId));
    }

    /**
     * The receipt of the visitor's current consent: their newest ledger entry with its place in the chain, and
     * the notice text of the newest entry that carried one. Empty when the visitor has no entry.
     */
    public Optional<ConsentReceipt> receipt(String visitorId) {
        requireVisitorId(visitorId);
        return store.latestOf(visitorId).map(chained -> {
            ConsentEntry entry = chained.entry();
            String noticeHash = entry.noticeHash() != null ? entry.noticeHash()
                    : store.history(visitorId).reversed().stream().map(ConsentEntry::noticeHash)
                    .filter(Objects::nonNull).findFirst().orElse(null);
            String noticeText = noticeHash == null ? null : store.notice(noticeHash).orElse(null);
            EnumSet<Purpose> refused = EnumSet.allOf(Purpose.class);
            refused.removeAll(entry.granted());
            return new ConsentReceipt(visitorId, entry.granted(), refused, entry.recordedAt(), entry.source(),
                    entry.policyVersion(), noticeHash, noticeText, entry.globalPrivacyControl(), entry.objected(),
                    entry.restricted(), chained.link().sequence(), chained.link().hash());
        });
    }

    /** Checks the whole ledger's hash chain. */
    public LedgerVerification verify() {
        return LedgerVerifier.verify(store);
    }

    /** Drops the visitor's state from memory (after erasure): they are back to the default. */
    public void forget(String visitorId) {
        current.remove(visitorId);
    }

    /**
     * Cluster mode: makes a state another node recorded (already in the shared ledger) the visitor's current one,
     * in memory only, and tells listeners. A state older than the current one, or equal to it, is ignored, so that
     * applying the same change twice, or an older one late, changes nothing. Returns whether it was applied.
     */
    public boolean applyRecorded(ConsentState recorded) {
        ConsentState before;
        synchronized (locks[Math.floorMod(recorded.visitorId().hashCode(), locks.length)]) {
            before = stateOf(recorded.visitorId());
            if (recorded.equals(before) || before.since() != null && recorded.since().isBefore(before.since())) {
                return false;
            }
            current.put(recorded.visitorId(), recorded);
        }
        for (BiConsumer<ConsentState, ConsentState> listener : listeners) {
            listener.accept(before, recorded);
        }
        return true;
    }

    /** How many visitors currently grant each purpose (visitors who never answered grant only necessary). */
    public Map<Purpose, Long> grantedCounts() {
        Map<Purpose, Long> counts = new java.util.EnumMap<>(Purpose.class);
        for (Purpose purpose : Purpose.values()) {
            counts.put(purpose, 0L);
        }
        for (ConsentState state : current.values()) {
            for (Purpose purpose : Purpose.values()) {
                if (state.allows(purpose)) {
                    counts.merge(purpose, 1L, Long::sum);
                }
            }
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
        if (change.noticeText() != null && change.noticeText().getBytes(StandardCharsets.UTF_8).length > MAX_NOTICE_BYTES) {
            errors.add(new FieldError("text", "must be at most " + MAX_NOTICE_BYTES + " bytes of UTF-8"));
        }
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
