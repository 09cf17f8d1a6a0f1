package dev.grat.store;

/**
 * The storage port: everything Grat keeps durably. Adapters (the embedded SQLite store, later PostgreSQL)
 * implement it and must pass the store contract suite ({@code StoreContract} in the core's test-jar).
 * Hot state (profiles, counts, the catalog) lives in memory and is rebuilt from here at start-up.
 */
public interface Store extends AutoCloseable {

    EventStore events();

    ConsentStore consents();

    CatalogStore catalog();

    IdentityStore identities();

    ContentStore content();

    /**
     * Events and request bodies that were refused, kept for listing and replay. {@link #eraseVisitor} removes the
     * visitor's letters with their other records.
     */
    DeadLetterStore deadLetters();

    /**
     * What visitors declared about themselves (preferences, sizes), kept only with their consent to personalization.
     * {@link #eraseVisitor} removes the visitor's declaration with their other records.
     */
    DeclaredStore declared();

    /**
     * Removes everything kept about one visitor (events, consent entries, identity links, dead letters, declared
     * preferences) in one
     * transaction,
     * and makes sure no byte of it stays readable in the store's files (free pages, journals).
     */
    ErasedRecords eraseVisitor(String visitorId);

    /**
     * Makes sure no byte of the records removed by retention ({@link EventStore#eraseBefore},
     * {@link EventStore#eraseTalliesBefore}, {@link IdentityStore#eraseBefore}, {@link DeclaredStore#eraseBefore}, and a decision log that shares the store's files) stays readable in
     * the store's files (free pages, journals). Called once after a retention run that removed something.
     */
    void scrubErased();

    /** Releases files and connections. Committed data stays. */
    @Override
    void close();
}
