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
     * Removes everything kept about one visitor (events, consent entries, identity links) in one transaction,
     * and makes sure no byte of it stays readable in the store's files (free pages, journals).
     */
    ErasedRecords eraseVisitor(String visitorId);

    /** Releases files and connections. Committed data stays. */
    @Override
    void close();
}
