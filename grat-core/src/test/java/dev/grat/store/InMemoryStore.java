package dev.grat.store;

import dev.grat.catalog.Item;
import dev.grat.consent.ConsentEntry;
import dev.grat.decide.ContentVariant;
import dev.grat.event.Event;
import dev.grat.event.EventType;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
    private final Set<String> anonymousIds = new HashSet<>();
    private final Map<TallyKey, Long> tallies = new LinkedHashMap<>();
    private final List<LedgerEntry> consentLedger = new ArrayList<>();
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
    public ErasedRecords eraseVisitor(String visitorId) {
        Objects.requireNonNull(visitorId, "visitorId");
        synchronized (lock) {
            ensureOpen();
            int erasedEvents = removeCounting(personalById.values(), e -> e.event().visitorId().equals(visitorId));
            int erasedConsent = removeCounting(consentLedger, e -> e.value().visitorId().equals(visitorId));
            int erasedLinks = removeCounting(links, l -> l.visitorId().equals(visitorId));
            return new ErasedRecords(erasedEvents, erasedConsent, erasedLinks);
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

    private record LedgerEntry(long sequence, ConsentEntry value) {
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
                        anonymousIds.add(event.id());
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
            return !personalById.containsKey(id) && !anonymousIds.contains(id);
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
    }

    private final class Consents implements ConsentStore {

        @Override
        public void append(ConsentEntry entry) {
            Objects.requireNonNull(entry, "entry");
            synchronized (lock) {
                ensureOpen();
                consentLedger.add(new LedgerEntry(sequence++, new ConsentEntry(entry.visitorId(), entry.granted(),
                        toMillis(entry.recordedAt()), entry.source(), entry.policyVersion(),
                        entry.globalPrivacyControl())));
            }
        }

        @Override
        public List<ConsentEntry> history(String visitorId) {
            Objects.requireNonNull(visitorId, "visitorId");
            synchronized (lock) {
                ensureOpen();
                return consentLedger.stream()
                        .filter(s -> s.value().visitorId().equals(visitorId))
                        .sorted(LEDGER_ORDER)
                        .map(LedgerEntry::value)
                        .toList();
            }
        }

        @Override
        public void forEachLatest(Consumer<ConsentEntry> action) {
            Map<String, LedgerEntry> latest = new HashMap<>();
            synchronized (lock) {
                ensureOpen();
                for (LedgerEntry entry : consentLedger) {
                    latest.merge(entry.value().visitorId(), entry,
                            (a, b) -> LEDGER_ORDER.compare(a, b) >= 0 ? a : b);
                }
            }
            latest.values().forEach(s -> action.accept(s.value()));
        }
    }

    private static final Comparator<LedgerEntry> LEDGER_ORDER =
            Comparator.comparing((LedgerEntry s) -> s.value().recordedAt())
                    .thenComparingLong(LedgerEntry::sequence);

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
}
