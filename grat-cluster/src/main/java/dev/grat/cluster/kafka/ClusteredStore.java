package dev.grat.cluster.kafka;

import dev.grat.catalog.Item;
import dev.grat.consent.ChainedEntry;
import dev.grat.consent.ConsentEntry;
import dev.grat.consent.ConsentState;
import dev.grat.consent.LedgerLink;
import dev.grat.consent.LedgerRow;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.store.AnonymousTally;
import dev.grat.store.CatalogStore;
import dev.grat.store.ConsentStore;
import dev.grat.store.ContentStore;
import dev.grat.declared.Declaration;
import dev.grat.store.DeadLetterStore;
import dev.grat.store.DeclaredStore;
import dev.grat.store.ErasedRecords;
import dev.grat.store.EventStore;
import dev.grat.store.IdentityLink;
import dev.grat.store.IdentityStore;
import dev.grat.store.IngestBatch;
import dev.grat.store.Store;
import dev.grat.store.postgres.PostgresStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The shared store as one node of the cluster sees it: every write that other nodes must apply (events, consent
 * entries, erasures, catalog items, what a retention run removed) writes its outbox row in its own transaction
 * ({@link PostgresStore#writeAlongside}), so that the row exists if and only if the write committed, and is sent to
 * Kafka after the commit ({@link Publisher}). At start-up the events the engine replays are noted, and the snapshot
 * the anonymous tallies were read in is kept ({@link TallySnapshot}), so that copies of either arriving from Kafka
 * are skipped.
 * Everything else is the PostgreSQL store itself.
 */
final class ClusteredStore implements Store {

    /** Changes per Kafka record when a retention run removed many records (a record stays well under 1 MB). */
    private static final int CHUNK = 500;

    private final PostgresStore delegate;
    private final Publisher publisher;
    private final AppliedIds applied;
    private final Runnable onClose;
    private final Consumer<TallySnapshot> tallySnapshot;
    private final EventStore events;
    private final CatalogStore catalog;
    private final ConsentStore consents;
    private final DeclaredStore declared;
    private final IdentityStore identities;

    ClusteredStore(PostgresStore delegate, Publisher publisher, AppliedIds applied,
                   Consumer<TallySnapshot> tallySnapshot, Runnable onClose) {
        this.tallySnapshot = tallySnapshot;
        this.delegate = delegate;
        this.publisher = publisher;
        this.applied = applied;
        this.onClose = onClose;
        this.events = new Events(delegate.events());
        this.catalog = new Catalog(delegate.catalog());
        this.consents = new Consents(delegate.consents());
        this.declared = new Declared(delegate.declared());
        this.identities = new Identities(delegate.identities());
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
        return delegate.content();
    }

    /** Dead letters are read and replayed where they are kept: the shared store, not through Kafka. */
    @Override
    public DeadLetterStore deadLetters() {
        return delegate.deadLetters();
    }

    @Override
    public DeclaredStore declared() {
        return declared;
    }

    /**
     * Erases in the store and tells the other nodes which events to take out of their counts (without identifiers:
     * type, item, time). The erasure's outbox row commits with the erasure, so that it reaches them even if this
     * node dies.
     */
    @Override
    public ErasedRecords eraseVisitor(String visitorId) {
        List<Event> erased = delegate.events().eventsOf(visitorId).stream().map(Event::anonymized).toList();
        Change.Erasure erasure = new Change.Erasure(UUID.randomUUID().toString(), visitorId, erased);
        ErasedRecords records = write(() -> delegate.eraseVisitor(visitorId), result -> List.of(erasure));
        erased.forEach(e -> applied.release(e.id()));
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

    /**
     * Runs one write of the shared store with the outbox row of the changes it made ({@code changesOf} its
     * transaction's result) in the same transaction, then hands the changes to the sender.
     * <p>
     * This node applies the write to its own memory (the engine does, once the call returns), so the changes are
     * claimed in {@link AppliedIds} inside the transaction, before the commit: a copy of them can reach Kafka only
     * after the commit (this node's sender, or another node's drainer republishing the row), and this node's
     * follower must find them claimed and skip them, however late the calling thread gets to run again. Claimed
     * after the commit, a stalled caller lost that race and the change was counted twice here. If the
     * transaction does not commit, the claims are released.
     */
    @SuppressWarnings("unchecked")
    private <T> T write(Supplier<T> call, Function<Object, List<Change>> changesOf) {
        List<Object> result = new ArrayList<>(1);
        Outbox outbox = new Outbox(changesOf);
        try {
            delegate.writeAlongside(outbox, () -> result.add(call.get()));
        } catch (RuntimeException e) {
            outbox.releaseClaims();
            throw e;
        }
        if (outbox.row != null) {
            publisher.send(outbox.row, outbox.changes);
        }
        return (T) result.getFirst();
    }

    /**
     * Writes the outbox row inside the store's transaction and claims its changes; a retried transaction releases
     * the claims of the attempt before and does both again.
     */
    private final class Outbox implements PostgresStore.Alongside {
        private final Function<Object, List<Change>> changesOf;
        private final List<String> claimed = new ArrayList<>();
        private ClusterDatabase.Written row;
        private List<Change> changes = List.of();

        private Outbox(Function<Object, List<Change>> changesOf) {
            this.changesOf = changesOf;
        }

        @Override
        public void run(java.sql.Connection connection, Object result) throws java.sql.SQLException {
            releaseClaims();
            changes = changesOf.apply(result);
            for (String id : claimsOf(changes)) {
                if (applied.claim(id)) {
                    claimed.add(id);
                }
            }
            row = changes.isEmpty() ? null : ClusterDatabase.addToOutbox(connection, publisher.payload(changes));
        }

        private void releaseClaims() {
            claimed.forEach(applied::release);
            claimed.clear();
        }
    }

    /**
     * The ids under which {@link Follower} claims each change (events by id, the others by change id): what this
     * node holds once its own write returns. Consent, catalog and declaration changes are idempotent and carry none.
     */
    static List<String> claimsOf(List<Change> changes) {
        List<String> ids = new ArrayList<>();
        for (Change change : changes) {
            switch (change) {
                case Change.Events events -> {
                    events.personal().forEach(e -> ids.add(e.id()));
                    events.anonymous().forEach(e -> ids.add(e.id()));
                }
                case Change.Erasure erasure -> ids.add("erasure:" + erasure.erasureId());
                case Change.ExpiredEvents expired -> expired.events().forEach(e -> ids.add("expired:" + e.id()));
                case Change.ExpiredTallies expired -> ids.add("tallies:" + expired.changeId());
                case Change.ExpiredLinks expired -> ids.add("links:" + expired.changeId());
                case Change.Consent consent -> { }
                case Change.Items items -> { }
                case Change.DeclarationChanged changed -> { }
            }
        }
        return ids;
    }

    private static <T> List<List<T>> chunks(List<T> list) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < list.size(); i += CHUNK) {
            chunks.add(list.subList(i, Math.min(list.size(), i + CHUNK)));
        }
        return chunks;
    }

    private final class Events implements EventStore {
        private final EventStore store;

        private Events(EventStore store) {
            this.store = store;
        }

        @Override
        public Set<String> commit(IngestBatch batch) {
            Set<String> fresh = write(() -> store.commit(batch), result -> {
                Set<?> stored = (Set<?>) result;
                return Publisher.split(new IngestBatch(
                        batch.personal().stream().filter(e -> stored.contains(e.id())).toList(),
                        batch.anonymous().stream().filter(e -> stored.contains(e.id())).toList()));
            });
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

        /**
         * At start-up: the tallies and the snapshot they were read in, in one REPEATABLE READ transaction. An
         * anonymous change arriving later is in the tallies exactly when its writer's transaction is in the snapshot.
         */
        @Override
        public void forEachTally(Consumer<AnonymousTally> action) {
            if (!applied.isReplaying()) {
                store.forEachTally(action);
                return;
            }
            boolean read = delegate.readAlongside(
                    (connection, result) -> tallySnapshot.accept(ClusterDatabase.snapshot(connection)),
                    () -> store.forEachTally(action));
            if (!read) {
                throw new IllegalStateException("the tallies were not read in a transaction of their own, so their"
                        + " snapshot is unknown and anonymous changes could be counted twice");
            }
        }

        @Override
        public long personalEventCount() {
            return store.personalEventCount();
        }

        /** Retention: the removed events go to the other nodes per visitor, in order with the visitor's events. */
        @Override
        @SuppressWarnings("unchecked")
        public List<Event> eraseBefore(EventType type, Instant cutoff) {
            List<Event> removed = write(() -> store.eraseBefore(type, cutoff), result -> {
                List<Change> changes = new ArrayList<>();
                Publisher.byVisitor((List<Event>) result).forEach((visitor, events) -> chunks(events)
                        .forEach(chunk -> changes.add(new Change.ExpiredEvents(visitor, chunk))));
                return changes;
            });
            // Claimed as expired in the transaction; the ids themselves are free again (a re-sent copy is new).
            removed.forEach(event -> applied.release(event.id()));
            return removed;
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<AnonymousTally> eraseTalliesBefore(Instant cutoff) {
            return write(() -> store.eraseTalliesBefore(cutoff), result -> chunks((List<AnonymousTally>) result)
                    .stream().map(chunk -> (Change) new Change.ExpiredTallies(UUID.randomUUID().toString(), chunk))
                    .toList());
        }
    }

    private final class Catalog implements CatalogStore {
        private final CatalogStore store;

        private Catalog(CatalogStore store) {
            this.store = store;
        }

        @Override
        public void upsert(List<Item> items) {
            write(() -> {
                store.upsert(items);
                return Boolean.TRUE;
            }, result -> List.of(new Change.Items(items)));
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

    /** The consent ledger: each entry's state goes to the other nodes with an outbox row in the entry's transaction. */
    private final class Consents implements ConsentStore {
        private final ConsentStore store;

        private Consents(ConsentStore store) {
            this.store = store;
        }

        @Override
        public LedgerLink append(ConsentEntry entry, String salt) {
            return write(() -> store.append(entry, salt),
                    result -> List.of(new Change.Consent(ConsentState.of(entry))));
        }

        @Override
        public List<ConsentEntry> history(String visitorId) {
            return store.history(visitorId);
        }

        @Override
        public void forEachLatest(Consumer<ConsentEntry> action) {
            store.forEachLatest(action);
        }

        @Override
        public Optional<ChainedEntry> latestOf(String visitorId) {
            return store.latestOf(visitorId);
        }

        @Override
        public void forEachInChain(Consumer<LedgerRow> action) {
            store.forEachInChain(action);
        }

        @Override
        public Optional<LedgerLink> head() {
            return store.head();
        }

        @Override
        public void putNotice(String hash, String text) {
            store.putNotice(hash, text);
        }

        @Override
        public Optional<String> notice(String hash) {
            return store.notice(hash);
        }
    }

    /** Declared preferences: each change tells the other nodes to read the visitor's declaration again. */
    private final class Declared implements DeclaredStore {
        private final DeclaredStore store;

        private Declared(DeclaredStore store) {
            this.store = store;
        }

        @Override
        public void put(Declaration declaration) {
            write(() -> {
                store.put(declaration);
                return Boolean.TRUE;
            }, result -> List.of(new Change.DeclarationChanged(declaration.visitorId())));
        }

        @Override
        public Optional<Declaration> get(String visitorId) {
            return store.get(visitorId);
        }

        @Override
        public boolean erase(String visitorId) {
            return write(() -> store.erase(visitorId),
                    result -> Boolean.TRUE.equals(result) ? List.of(new Change.DeclarationChanged(visitorId)) : List.of());
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<String> eraseBefore(Instant cutoff) {
            return write(() -> store.eraseBefore(cutoff), result -> ((List<String>) result).stream()
                    .map(visitor -> (Change) new Change.DeclarationChanged(visitor)).toList());
        }

        @Override
        public void forEach(Consumer<Declaration> action) {
            store.forEach(action);
        }
    }

    /** Identity links: what a retention run removed goes to the other nodes' identity graphs. */
    private final class Identities implements IdentityStore {
        private final IdentityStore store;

        private Identities(IdentityStore store) {
            this.store = store;
        }

        @Override
        public boolean link(IdentityLink link) {
            return store.link(link);
        }

        @Override
        public List<IdentityLink> linksOfCustomer(String customerId) {
            return store.linksOfCustomer(customerId);
        }

        @Override
        public List<IdentityLink> linksOfVisitor(String visitorId) {
            return store.linksOfVisitor(visitorId);
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<IdentityLink> eraseBefore(Instant cutoff) {
            return write(() -> store.eraseBefore(cutoff), result -> chunks((List<IdentityLink>) result)
                    .stream().map(chunk -> (Change) new Change.ExpiredLinks(UUID.randomUUID().toString(), chunk))
                    .toList());
        }

        @Override
        public void forEach(Consumer<IdentityLink> action) {
            store.forEach(action);
        }
    }
}
