package dev.grat.cluster.kafka;

import dev.grat.catalog.Item;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.store.AnonymousTally;
import dev.grat.store.CatalogStore;
import dev.grat.store.ConsentStore;
import dev.grat.store.ContentStore;
import dev.grat.store.DeadLetterStore;
import dev.grat.store.ErasedRecords;
import dev.grat.store.EventStore;
import dev.grat.store.IdentityStore;
import dev.grat.store.IngestBatch;
import dev.grat.store.Store;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The shared store as one node of the cluster sees it: every write that other nodes must apply (events, erasures,
 * catalog items) goes through the outbox ({@link Publisher}) around the real store's write, and the events the
 * engine replays at start-up are noted, so that their copies arriving from Kafka are skipped. Everything else is
 * the PostgreSQL store itself.
 */
final class ClusteredStore implements Store {

    private final Store delegate;
    private final Publisher publisher;
    private final AppliedIds applied;
    private final Runnable onClose;
    private final Runnable beforeTallies;
    private final EventStore events;
    private final CatalogStore catalog;

    ClusteredStore(Store delegate, Publisher publisher, AppliedIds applied, Runnable beforeTallies, Runnable onClose) {
        this.beforeTallies = beforeTallies;
        this.delegate = delegate;
        this.publisher = publisher;
        this.applied = applied;
        this.onClose = onClose;
        this.events = new Events(delegate.events());
        this.catalog = new Catalog(delegate.catalog());
    }

    @Override
    public EventStore events() {
        return events;
    }

    @Override
    public ConsentStore consents() {
        return delegate.consents();
    }

    @Override
    public CatalogStore catalog() {
        return catalog;
    }

    @Override
    public IdentityStore identities() {
        return delegate.identities();
    }

    @Override
    public ContentStore content() {
        return delegate.content();
    }

    /** Dead letters are read and replayed where they are kept: the shared store, not through Kafka. */
    @Override
    public DeadLetterStore deadLetters() {
        return delegate.deadLetters();
    }

    /**
     * Erases in the store and tells the other nodes which events to take out of their counts (without identifiers:
     * type, item, time). The erasure is in the outbox first, so that it reaches them even if this node dies.
     */
    @Override
    public ErasedRecords eraseVisitor(String visitorId) {
        List<Event> erased = delegate.events().eventsOf(visitorId).stream().map(Event::anonymized).toList();
        Change erasure = new Change.Erasure(UUID.randomUUID().toString(), visitorId, erased);
        long row = publisher.intend(List.of(erasure));
        ErasedRecords records = delegate.eraseVisitor(visitorId);
        applied.claim("erasure:" + ((Change.Erasure) erasure).erasureId());
        erased.forEach(e -> applied.release(e.id()));
        publisher.send(row, List.of(erasure));
        return records;
    }

    @Override
    public void scrubErased() {
        delegate.scrubErased();
    }

    /** Stops following and publishing, then closes the store. */
    @Override
    public void close() {
        try {
            onClose.run();
        } finally {
            delegate.close();
        }
    }

    private final class Events implements EventStore {
        private final EventStore store;

        private Events(EventStore store) {
            this.store = store;
        }

        @Override
        public Set<String> commit(IngestBatch batch) {
            long row = publisher.intend(Publisher.split(batch));
            Set<String> fresh = store.commit(batch);
            fresh.forEach(applied::claim);
            IngestBatch stored = new IngestBatch(
                    batch.personal().stream().filter(e -> fresh.contains(e.id())).toList(),
                    batch.anonymous().stream().filter(e -> fresh.contains(e.id())).toList());
            publisher.send(row, Publisher.split(stored));
            return fresh;
        }

        @Override
        public void forEachEvent(Consumer<Event> action) {
            store.forEachEvent(event -> {
                applied.replayed(event.id());
                action.accept(event);
            });
        }

        @Override
        public List<Event> eventsOf(String visitorId) {
            return store.eventsOf(visitorId);
        }

        @Override
        public void forEachTally(Consumer<AnonymousTally> action) {
            if (applied.isReplaying()) {
                beforeTallies.run();
            }
            store.forEachTally(action);
        }

        @Override
        public long personalEventCount() {
            return store.personalEventCount();
        }

        @Override
        public List<Event> eraseBefore(EventType type, Instant cutoff) {
            return store.eraseBefore(type, cutoff);
        }

        @Override
        public List<AnonymousTally> eraseTalliesBefore(Instant cutoff) {
            return store.eraseTalliesBefore(cutoff);
        }
    }

    private final class Catalog implements CatalogStore {
        private final CatalogStore store;

        private Catalog(CatalogStore store) {
            this.store = store;
        }

        @Override
        public void upsert(List<Item> items) {
            Change change = new Change.Items(items);
            long row = publisher.intend(List.of(change));
            store.upsert(items);
            publisher.send(row, List.of(change));
        }

        @Override
        public void forEach(Consumer<Item> action) {
            store.forEach(action);
        }

        @Override
        public long count() {
            return store.count();
        }
    }
}
