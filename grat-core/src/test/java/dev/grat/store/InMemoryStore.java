package dev.grat.store;

import dev.grat.catalog.Item;
import dev.grat.consent.ChainedEntry;
import dev.grat.consent.ConsentChain;
import dev.grat.consent.ConsentEntry;
import dev.grat.consent.LedgerLink;
import dev.grat.consent.LedgerRow;
import dev.grat.decide.ContentVariant;
import dev.grat.declared.Declaration;
import dev.grat.event.Event;
import dev.grat.event.EventType;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A {@link Store} that keeps everything in memory, for fast engine tests. It behaves like the SQLite store
 * (the same contract suite runs against both) except that nothing survives {@link #close()}.
 *
 * <p>Times are cut to whole milliseconds on the way in, because that is what the persistent stores keep.
 * One lock guards all state: tests want simple and correct, not fast.
 */
public final class InMemoryStore implements Store {

    private final Object lock = new Object();
    private final Map<String, StoredEvent> personalById = new HashMap<>();
    /** Anonymous event ids with the time they are kept from (their timestamp: this store has no clock). */
    private final Map<String, Instant> anonymousIds = new HashMap<>();
    private final Map<TallyKey, Long> tallies = new LinkedHashMap<>();
    private final List<LedgerRow> consentLedger = new ArrayList<>();
    private final Map<String, String> notices = new HashMap<>();
    private LedgerLink consentHead;
    private final Map<String, Item> items = new LinkedHashMap<>();
    private final List<IdentityLink> links = new ArrayList<>();
    private final Map<String, List<ContentVariant>> slots = new LinkedHashMap<>();
    private long sequence;
    private boolean closed;

    private final EventStore events = new Events();
    private final ConsentStore consents = new Consents();
    private final CatalogStore catalog = new Catalog();
    private final IdentityStore identities = new Identities();
    private final ContentStore content = new Content();
    private final TreeMap<Long, DeadLetter> deadLetterById = new TreeMap<>();
    private long deadLetterSequence;
    private final DeadLetterStore deadLetters = new DeadLetters();
    private final Map<String, Declaration> declarations = new LinkedHashMap<>();
    private final DeclaredStore declared = new Declared();

    public InMemoryStore() {
    }

    @Override
    public EventStore events() {
        return events;
    }

    @Override
    public ConsentStore consents() {
        return consents;
    }

    @Override
    public CatalogStore catalog() {
        return catalog;
    }

    @Override
    public IdentityStore identities() {
        return identities;
    }

    @Override
    public ContentStore content() {
        return content;
    }

    @Override
    public DeadLetterStore deadLetters() {
        return deadLetters;
    }

    @Override
    public DeclaredStore declared() {
        return declared;
    }

    @Override
    public ErasedRecords eraseVisitor(String visitorId) {
        Objects.requireNonNull(visitorId, "visitorId");
        synchronized (lock) {
            ensureOpen();
            int erasedEvents = removeCounting(personalById.values(), e -> e.event().visitorId().equals(visitorId));
            int erasedConsent = tombstone(visitorId);
            int erasedLinks = removeCounting(links, l -> l.visitorId().equals(visitorId));
            removeCounting(deadLetterById.values(), l -> visitorId.equals(l.visitorId()));
            int erasedDeclared = declarations.remove(visitorId) == null ? 0 : 1;
            return new ErasedRecords(erasedEvents, erasedConsent, erasedLinks, erasedDeclared);
        }
    }

    /** Nothing to scrub: removed records leave no copy in memory. */
    @Override
    public void scrubErased() {
        synchronized (lock) {
            ensureOpen();
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the in-memory store is closed");
        }
    }

    private static <T> int removeCounting(Collection<T> values, Predicate<T> matches) {
        int before = values.size();
        values.removeIf(matches);
        return before - values.size();
    }

    private static Instant toMillis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }

    private static Event withMillis(Event e) {
        return new Event(e.id(), e.type(), e.visitorId(), e.customerId(), e.channel(), toMillis(e.timestamp()),
                e.itemId(), e.categoryId(), e.query(), e.items(), e.currency(), e.decisionId(), e.properties());
    }

    private record StoredEvent(long sequence, Event event) {
    }

    /** Replaces the visitor's ledger rows by tombstones: the chain stays, nothing of the visitor does. */
    private int tombstone(String visitorId) {
        int count = 0;
        for (int i = 0; i < consentLedger.size(); i++) {
            LedgerRow row = consentLedger.get(i);
            if (!row.isTombstone() && row.entry().visitorId().equals(visitorId)) {
                consentLedger.set(i, LedgerRow.tombstone(row.link()));
                count++;
            }
        }
        return count;
    }

    private record TallyKey(EventType type, String itemId, String categoryId, Instant hour) {
    }

    private static final Comparator<StoredEvent> OLDEST_FIRST =
            Comparator.comparing((StoredEvent s) -> s.event().timestamp()).thenComparingLong(StoredEvent::sequence);

    private final class Events implements EventStore {

        @Override
        public Set<String> commit(IngestBatch batch) {
            Objects.requireNonNull(batch, "batch");
            for (int i = 0; i < batch.personal().size(); i++) {
                requireStorable(batch.personal().get(i), "personal[" + i + "]");
            }
            synchronized (lock) {
                ensureOpen();
                Set<String> added = new LinkedHashSet<>();
                for (Event event : batch.personal()) {
                    if (isNew(event.id())) {
                        personalById.put(event.id(), new StoredEvent(sequence++, withMillis(event)));
                        added.add(event.id());
                    }
                }
                for (Event event : batch.anonymous()) {
                    if (isNew(event.id())) {
                        anonymousIds.put(event.id(), toMillis(event.timestamp()));
                        AnonymousTally.of(withMillis(event)).forEach(this::addTally);
                        added.add(event.id());
                    }
                }
                return added;
            }
        }

        /** The fields the SQLite store declares NOT NULL: a batch with one missing is refused whole. */
        private static void requireStorable(Event event, String field) {
            if (event.id() == null || event.type() == null || event.visitorId() == null || event.channel() == null
                    || event.timestamp() == null) {
                throw new IllegalArgumentException(field + " lacks one of id, type, visitorId, channel, timestamp");
            }
        }

        private boolean isNew(String id) {
            return !personalById.containsKey(id) && !anonymousIds.containsKey(id);
        }

        private void addTally(AnonymousTally tally) {
            tallies.merge(new TallyKey(tally.type(), tally.itemId(), tally.categoryId(), tally.hour()),
                    tally.count(), Long::sum);
        }

        @Override
        public void forEachEvent(Consumer<Event> action) {
            sortedEvents(null).forEach(action);
        }

        @Override
        public List<Event> eventsOf(String visitorId) {
            Objects.requireNonNull(visitorId, "visitorId");
            return sortedEvents(visitorId);
        }

        private List<Event> sortedEvents(String visitorIdOrNull) {
            synchronized (lock) {
                ensureOpen();
                return personalById.values().stream()
                        .filter(s -> visitorIdOrNull == null || visitorIdOrNull.equals(s.event().visitorId()))
                        .sorted(OLDEST_FIRST)
                        .map(StoredEvent::event)
                        .toList();
            }
        }

        @Override
        public void forEachTally(Consumer<AnonymousTally> action) {
            List<AnonymousTally> snapshot;
            synchronized (lock) {
                ensureOpen();
                snapshot = tallies.entrySet().stream()
                        .map(e -> new AnonymousTally(e.getKey().type(), e.getKey().itemId(), e.getKey().categoryId(),
                                e.getKey().hour(), e.getValue()))
                        .toList();
            }
            snapshot.forEach(action);
        }

        @Override
        public long personalEventCount() {
            synchronized (lock) {
                ensureOpen();
                return personalById.size();
            }
        }

        @Override
        public List<Event> eraseBefore(EventType type, Instant cutoff) {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(cutoff, "cutoff");
            synchronized (lock) {
                ensureOpen();
                List<StoredEvent> expired = personalById.values().stream()
                        .filter(s -> s.event().type() == type && s.event().timestamp().isBefore(cutoff))
                        .sorted(OLDEST_FIRST).toList();
                expired.forEach(s -> personalById.remove(s.event().id()));
                return expired.stream().map(StoredEvent::event).toList();
            }
        }

        @Override
        public List<AnonymousTally> eraseTalliesBefore(Instant cutoff) {
            Objects.requireNonNull(cutoff, "cutoff");
            synchronized (lock) {
                ensureOpen();
                anonymousIds.values().removeIf(at -> at.isBefore(cutoff));
                List<AnonymousTally> removed = new ArrayList<>();
                tallies.entrySet().removeIf(e -> {
                    TallyKey key = e.getKey();
                    boolean expired = key.hour().isBefore(cutoff);
                    if (expired) {
                        removed.add(new AnonymousTally(key.type(), key.itemId(), key.categoryId(), key.hour(),
                                e.getValue()));
                    }
                    return expired;
                });
                return removed;
            }
        }
    }

    private final class Consents implements ConsentStore {

        @Override
        public LedgerLink append(ConsentEntry entry, String salt) {
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(salt, "salt");
            ConsentEntry stored = new ConsentEntry(entry.visitorId(), entry.granted(), toMillis(entry.recordedAt()),
                    entry.source(), entry.policyVersion(), entry.globalPrivacyControl(), entry.noticeHash(),
                    entry.objected(), entry.restricted());
            synchronized (lock) {
                ensureOpen();
                LedgerLink link = ConsentChain.next(consentHead, salt, stored);
                consentLedger.add(LedgerRow.of(link, salt, stored));
                consentHead = link;
                return link;
            }
        }

        @Override
        public List<ConsentEntry> history(String visitorId) {
            Objects.requireNonNull(visitorId, "visitorId");
            return entriesOf(visitorId).stream().map(LedgerRow::entry).toList();
        }

        @Override
        public void forEachLatest(Consumer<ConsentEntry> action) {
            Map<String, LedgerRow> latest = new HashMap<>();
            synchronized (lock) {
                ensureOpen();
                for (LedgerRow row : consentLedger) {
                    if (!row.isTombstone()) {
                        latest.merge(row.entry().visitorId(), row, (a, b) -> LEDGER_ORDER.compare(a, b) >= 0 ? a : b);
                    }
                }
            }
            latest.values().forEach(s -> action.accept(s.entry()));
        }

        @Override
        public Optional<ChainedEntry> latestOf(String visitorId) {
            Objects.requireNonNull(visitorId, "visitorId");
            List<LedgerRow> rows = entriesOf(visitorId);
            return rows.isEmpty() ? Optional.empty()
                    : Optional.of(new ChainedEntry(rows.getLast().entry(), rows.getLast().link()));
        }

        private List<LedgerRow> entriesOf(String visitorId) {
            synchronized (lock) {
                ensureOpen();
                return consentLedger.stream()
                        .filter(r -> !r.isTombstone() && r.entry().visitorId().equals(visitorId))
                        .sorted(LEDGER_ORDER)
                        .toList();
            }
        }

        @Override
        public void forEachInChain(Consumer<LedgerRow> action) {
            List<LedgerRow> rows;
            synchronized (lock) {
                ensureOpen();
                rows = List.copyOf(consentLedger);
            }
            rows.forEach(action);
        }

        @Override
        public Optional<LedgerLink> head() {
            synchronized (lock) {
                ensureOpen();
                return Optional.ofNullable(consentHead);
            }
        }

        @Override
        public void putNotice(String hash, String text) {
            synchronized (lock) {
                ensureOpen();
                notices.putIfAbsent(Objects.requireNonNull(hash, "hash"), Objects.requireNonNull(text, "text"));
            }
        }

        @Override
        public Optional<String> notice(String hash) {
            synchronized (lock) {
                ensureOpen();
                return Optional.ofNullable(notices.get(hash));
            }
        }

        /** The rows themselves, for tests that tamper with the ledger as someone with access to the store could. */
        List<LedgerRow> rows() {
            return consentLedger;
        }
    }

    /** Tampering access for tests: the live list of ledger rows (guard with nothing; tests are single-threaded). */
    public List<LedgerRow> consentRowsForTampering() {
        return ((Consents) consents).rows();
    }

    private static final Comparator<LedgerRow> LEDGER_ORDER =
            Comparator.comparing((LedgerRow r) -> r.entry().recordedAt())
                    .thenComparingLong(r -> r.link().sequence());

    private final class Catalog implements CatalogStore {

        @Override
        public void upsert(List<Item> batch) {
            Objects.requireNonNull(batch, "items");
            synchronized (lock) {
                ensureOpen();
                batch.forEach(item -> items.put(item.id(), item));
            }
        }

        @Override
        public void forEach(Consumer<Item> action) {
            List<Item> snapshot;
            synchronized (lock) {
                ensureOpen();
                snapshot = List.copyOf(items.values());
            }
            snapshot.forEach(action);
        }

        @Override
        public long count() {
            synchronized (lock) {
                ensureOpen();
                return items.size();
            }
        }
    }

    private final class Identities implements IdentityStore {

        @Override
        public boolean link(IdentityLink link) {
            Objects.requireNonNull(link, "link");
            synchronized (lock) {
                ensureOpen();
                boolean known = links.stream().anyMatch(l -> l.customerId().equals(link.customerId())
                        && l.visitorId().equals(link.visitorId()));
                if (known) {
                    return false;
                }
                links.add(new IdentityLink(link.customerId(), link.visitorId(), toMillis(link.linkedAt())));
                return true;
            }
        }

        @Override
        public List<IdentityLink> linksOfCustomer(String customerId) {
            Objects.requireNonNull(customerId, "customerId");
            return matching(l -> l.customerId().equals(customerId));
        }

        @Override
        public List<IdentityLink> linksOfVisitor(String visitorId) {
            Objects.requireNonNull(visitorId, "visitorId");
            return matching(l -> l.visitorId().equals(visitorId));
        }

        @Override
        public List<IdentityLink> eraseBefore(Instant cutoff) {
            Objects.requireNonNull(cutoff, "cutoff");
            synchronized (lock) {
                ensureOpen();
                List<IdentityLink> removed = links.stream().filter(l -> l.linkedAt().isBefore(cutoff)).toList();
                links.removeAll(removed);
                return removed;
            }
        }

        @Override
        public void forEach(Consumer<IdentityLink> action) {
            matching(l -> true).forEach(action);
        }

        private List<IdentityLink> matching(Predicate<IdentityLink> filter) {
            synchronized (lock) {
                ensureOpen();
                return links.stream().filter(filter).toList();
            }
        }
    }

    private final class Declared implements DeclaredStore {

        @Override
        public void put(Declaration declaration) {
            Objects.requireNonNull(declaration, "declaration");
            synchronized (lock) {
                ensureOpen();
                declarations.put(declaration.visitorId(), new Declaration(declaration.visitorId(),
                        declaration.preferences(), toMillis(declaration.declaredAt()), declaration.source()));
            }
        }

        @Override
        public Optional<Declaration> get(String visitorId) {
            Objects.requireNonNull(visitorId, "visitorId");
            synchronized (lock) {
                ensureOpen();
                return Optional.ofNullable(declarations.get(visitorId));
            }
        }

        @Override
        public boolean erase(String visitorId) {
            Objects.requireNonNull(visitorId, "visitorId");
            synchronized (lock) {
                ensureOpen();
                return declarations.remove(visitorId) != null;
            }
        }

        @Override
        public List<String> eraseBefore(Instant cutoff) {
            Objects.requireNonNull(cutoff, "cutoff");
            synchronized (lock) {
                ensureOpen();
                List<String> removed = declarations.values().stream().filter(d -> d.declaredAt().isBefore(cutoff))
                        .map(Declaration::visitorId).toList();
                removed.forEach(declarations::remove);
                return removed;
            }
        }

        @Override
        public void forEach(Consumer<Declaration> action) {
            List<Declaration> all;
            synchronized (lock) {
                ensureOpen();
                all = List.copyOf(declarations.values());
            }
            all.forEach(action);
        }
    }

    private final class Content implements ContentStore {

        @Override
        public void putSlot(String slot, List<ContentVariant> variants) {
            Objects.requireNonNull(slot, "slot");
            List<ContentVariant> copy = List.copyOf(variants);
            synchronized (lock) {
                ensureOpen();
                slots.put(slot, copy);
            }
        }

        @Override
        public Map<String, List<ContentVariant>> all() {
            synchronized (lock) {
                ensureOpen();
                return Collections.unmodifiableMap(new LinkedHashMap<>(slots));
            }
        }
    }

    private final class DeadLetters implements DeadLetterStore {

        @Override
        public List<DeadLetter> add(List<DeadLetter> letters) {
            synchronized (lock) {
                ensureOpen();
                List<DeadLetter> stored = new ArrayList<>(letters.size());
                for (DeadLetter letter : letters) {
                    DeadLetter withId = letter.withId(++deadLetterSequence);
                    deadLetterById.put(withId.id(), withId);
                    stored.add(withId);
                }
                return stored;
            }
        }

        @Override
        public List<DeadLetter> list(long afterId, int limit) {
            synchronized (lock) {
                ensureOpen();
                return deadLetterById.tailMap(afterId, false).values().stream().limit(limit).toList();
            }
        }

        @Override
        public List<DeadLetter> get(Collection<Long> ids) {
            synchronized (lock) {
                ensureOpen();
                return new java.util.TreeSet<>(ids).stream().map(deadLetterById::get).filter(Objects::nonNull)
                        .toList();
            }
        }

        @Override
        public int remove(Collection<Long> ids) {
            synchronized (lock) {
                ensureOpen();
                int removed = 0;
                for (Long id : new java.util.HashSet<>(ids)) {
                    removed += deadLetterById.remove(id) == null ? 0 : 1;
                }
                return removed;
            }
        }

        @Override
        public void updateReasons(Map<Long, String> reasons) {
            synchronized (lock) {
                ensureOpen();
                reasons.forEach((id, reason) -> deadLetterById.computeIfPresent(id, (k, l) -> l.withReason(reason)));
            }
        }

        @Override
        public int eraseVisitor(String visitorId) {
            Objects.requireNonNull(visitorId, "visitorId");
            synchronized (lock) {
                ensureOpen();
                return removeCounting(deadLetterById.values(), l -> visitorId.equals(l.visitorId()));
            }
        }

        @Override
        public int eraseBefore(Instant cutoff) {
            Objects.requireNonNull(cutoff, "cutoff");
            synchronized (lock) {
                ensureOpen();
                return removeCounting(deadLetterById.values(), l -> l.receivedAt().isBefore(cutoff));
            }
        }

        @Override
        public long count() {
            synchronized (lock) {
                ensureOpen();
                return deadLetterById.size();
            }
        }
    }
}
