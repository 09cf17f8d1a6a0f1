package dev.grat.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.grat.store.CatalogStore;
import dev.grat.store.ConsentStore;
import dev.grat.store.ContentStore;
import dev.grat.store.DeadLetterStore;
import dev.grat.store.DeclaredStore;
import dev.grat.store.ErasedRecords;
import dev.grat.store.EventStore;
import dev.grat.store.IdentityStore;
import dev.grat.store.Store;
import dev.grat.store.sealed.Blinder;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.pattern.ValidatePattern;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The store on a PostgreSQL database, which several Grat nodes may share.
 *
 * <h2>Tables</h2>
 * All tables live in one schema ({@link PostgresOptions#schema()}, default {@code grat}), created and migrated by
 * Flyway from {@code db/migration/postgres} when the store opens; Flyway's advisory lock lets several nodes start
 * at once. A schema migrated by a newer Grat is refused.
 *
 * <h2>Durability</h2>
 * Every call is one transaction, committed before the call returns: with PostgreSQL's {@code synchronous_commit}
 * on, an acknowledged call survives a crash of Grat, of PostgreSQL and of the machine. The store refuses
 * connections on which {@code synchronous_commit} or {@code fsync} is off. Concurrent calls run on a pool of
 * connections (HikariCP); a transaction that PostgreSQL aborts to break a deadlock is run again.
 *
 * <h2>Privacy</h2>
 * Personal records (events, consent entries, identity links, declared preferences) are encrypted with a key of their visitor
 * (AES-256-GCM) and carry a random subject id instead of the visitor id; visitors, customers and event ids are
 * found through keyed hashes. {@link #eraseVisitor(String)} deletes the visitor's records and key in one
 * transaction, then rewrites the partition of the key table that held the key ({@code VACUUM FULL} of a sixteenth
 * of the visitors), so that the key's bytes leave every table file: the encrypted rows that remain as dead tuples
 * until vacuum can no longer be read, nor tied to the visitor. Anonymous events leave only hourly tallies and the
 * keyed hash of their id. See docs/STORAGE.md for the costs and what this does not cover (WAL, backups).
 *
 * <pre>{@code
 * try (PostgresStore store = PostgresStore.open("jdbc:postgresql://localhost:5432/grat?user=grat")) { ... }
 * }</pre>
 */
public final class PostgresStore implements Store {

    private static final String MIGRATIONS = "classpath:db/migration/postgres";

    private final PostgresOptions options;
    private final HikariDataSource dataSource;
    private final Database database;
    private final Keyring keyring;
    private final PostgresEvents events;
    private final PostgresConsents consents;
    private final PostgresCatalog catalog;
    private final PostgresIdentities identities;
    private final PostgresContent content;
    private final PostgresDeadLetters deadLetters;
    private final PostgresDeclared declared;

    private PostgresStore(PostgresOptions options, HikariDataSource dataSource, Database database, Keyring keyring) {
        this.options = options;
        this.dataSource = dataSource;
        this.database = database;
        this.keyring = keyring;
        this.events = new PostgresEvents(database, keyring, options.clock());
        this.consents = new PostgresConsents(database, keyring);
        this.catalog = new PostgresCatalog(database);
        this.identities = new PostgresIdentities(database, keyring);
        this.content = new PostgresContent(database);
        this.deadLetters = new PostgresDeadLetters(database, keyring);
        this.declared = new PostgresDeclared(database, keyring);
    }

    /** Opens the store on the database at {@code jdbcUrl} with {@link PostgresOptions#of(String) the defaults}. */
    public static PostgresStore open(String jdbcUrl) {
        return open(PostgresOptions.of(jdbcUrl));
    }

    /** Opens the store, creating or migrating its schema. */
    public static PostgresStore open(PostgresOptions options) {
        Objects.requireNonNull(options, "options");
        String name = options.maskedUrl() + " (schema " + options.schema() + ")";
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(poolConfig(options));
        } catch (RuntimeException e) {
            throw new PostgresStoreException("could not connect to the PostgreSQL store " + name + ": "
                    + rootMessage(e), e);
        }
        try {
            migrate(dataSource, options.schema());
            Database database = new Database(dataSource, name);
            SecureRandom random = new SecureRandom();
            PostgresStore store = new PostgresStore(options, dataSource, database, Keyring.load(database, random));
            store.consents.chainVersion1Entries(random);
            return store;
        } catch (RuntimeException e) {
            dataSource.close();
            throw e instanceof PostgresStoreException ? e : new PostgresStoreException(
                    "could not open the PostgreSQL store " + name + ": " + rootMessage(e), e);
        }
    }

    private static HikariConfig poolConfig(PostgresOptions options) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("grat-postgres-" + options.schema());
        config.setJdbcUrl(options.jdbcUrl());
        config.setMaximumPoolSize(options.poolSize());
        config.setMinimumIdle(Math.min(2, options.poolSize()));
        config.setConnectionTimeout(options.connectTimeout().toMillis());
        config.setAutoCommit(false);
        config.setSchema(options.schema());
        config.setConnectionInitSql(DurabilityCheck.SQL);
        config.addDataSourceProperty("ApplicationName", "grat");
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return config;
    }

    private static void migrate(HikariDataSource dataSource, String schema) {
        try {
            Flyway.configure(PostgresStore.class.getClassLoader())
                    .dataSource(dataSource)
                    .schemas(schema)
                    .createSchemas(true)
                    .locations(MIGRATIONS)
                    // Through SLF4J like the pool, so that the application decides where (or whether) they go.
                    .loggers("slf4j")
                    // No pattern: a migration applied by a newer Grat and unknown here fails validation.
                    .ignoreMigrationPatterns(new ValidatePattern[0])
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new PostgresStoreException("could not migrate the schema " + schema + ": " + e.getMessage(), e);
        }
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

    /**
     * Deletes the visitor's events, identity links, dead letters, declared preferences and key and turns their consent entries into tombstones
     * (the ledger's hash chain stays) in one transaction, then rewrites the
     * key partition so that no table file keeps the key. If the rewrite fails (it waits at most
     * {@link PostgresOptions#scrubTimeout()} for its lock), the records are deleted but the call fails; erasing the
     * same visitor again repeats the rewrite.
     */
    @Override
    public ErasedRecords eraseVisitor(String visitorId) {
        Objects.requireNonNull(visitorId, "visitorId");
        byte[] visitorHash = keyring.blinder().hash(Blinder.Domain.VISITOR, visitorId);
        ErasedRecords erased = database.write("erasure of a visitor", c -> delete(c, visitorHash));
        scrubKeyPartition(Blinder.bucket(visitorHash));
        return erased;
    }

    private ErasedRecords delete(Connection connection, byte[] visitorHash) throws SQLException {
        Optional<Subject> subject = keyring.subjects().lockForErasure(connection, visitorHash);
        if (subject.isEmpty()) {
            return new ErasedRecords(0, 0, 0);
        }
        byte[] subjectId = subject.get().id();
        // Ids of erased events are forgotten too: a client-chosen id may contain the visitor id.
        delete(connection, "DELETE FROM event_ids WHERE id_hash IN (SELECT id_hash FROM events WHERE subject_id = ?)",
                subjectId);
        int eventCount = delete(connection, "DELETE FROM events WHERE subject_id = ?", subjectId);
        int consentCount = PostgresConsents.tombstone(connection, subjectId);
        int linkCount = delete(connection, "DELETE FROM identity_links WHERE subject_id = ?", subjectId);
        PostgresDeadLetters.deleteOfSubject(connection, subjectId);
        int declaredCount = PostgresDeclared.deleteOfSubject(connection, subjectId);
        try (PreparedStatement deleteSubject = connection.prepareStatement(
                "DELETE FROM subjects WHERE bucket = ? AND visitor_hash = ?")) {
            deleteSubject.setInt(1, Blinder.bucket(visitorHash));
            deleteSubject.setBytes(2, visitorHash);
            deleteSubject.executeUpdate();
        }
        if (eventCount > 0) {
            PostgresEvents.addToCount(connection, -eventCount, Blinder.bucket(visitorHash));
        }
        return new ErasedRecords(eventCount, consentCount, linkCount, declaredCount);
    }

    private static int delete(Connection connection, String sql, byte[] subjectId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setBytes(1, subjectId);
            return delete.executeUpdate();
        }
    }

    /**
     * Rewrites one partition of {@code subjects} from its live rows, so that the deleted key's bytes leave the
     * table file (a plain VACUUM only marks the space free). Writers that use a visitor of the same partition wait
     * for it; it takes time in proportion to a sixteenth of the visitors.
     */
    private void scrubKeyPartition(int bucket) {
        String partition = "subjects_%02d".formatted(bucket);
        database.outsideTransaction("rewriting " + partition + " after an erasure", c -> {
            try (Statement statement = c.createStatement()) {
                String older = awaitOlderSnapshots(c, options.scrubTimeout());
                if (older != null) {
                    throw new SQLException("the visitor's records and key are deleted, but a transaction that started"
                            + " before the erasure (a long query, a backup with pg_dump) is still open, and " + partition
                            + " would keep the key's row for it if rewritten now; erasing the visitor again retries."
                            + " Open: " + older);
                }
                statement.execute("SET lock_timeout = " + options.scrubTimeout().toMillis());
                try {
                    statement.execute("VACUUM (FULL) " + partition);
                } catch (SQLException e) {
                    throw new SQLException("the visitor's records and key are deleted, but " + partition
                            + " could not be rewritten, so the key's bytes may remain in its file; erasing the"
                            + " visitor again retries: " + e.getMessage(), e.getSQLState(), e);
                } finally {
                    statement.execute("RESET lock_timeout");
                }
            }
            return null;
        });
    }

    /**
     * Waits until no other session of this database holds a snapshot or runs a transaction from before now:
     * {@code VACUUM FULL} copies every row version that such a session may still see, so the erased key's row would
     * move into the new file.
     * Returns null when none is left, else the sessions still open after {@code patience}. Sessions of other roles whose
     * {@code backend_xmin} this role may not read are not seen (docs/STORAGE.md).
     */
    private static String awaitOlderSnapshots(Connection connection, Duration patience) throws SQLException {
        String horizon;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT pg_snapshot_xmax(pg_current_snapshot())::text")) {
            rows.next();
            horizon = Long.toString(Long.parseLong(rows.getString(1)) & 0xFFFF_FFFFL);
        }
        long deadline = System.nanoTime() + patience.toNanos();
        try (PreparedStatement older = connection.prepareStatement("SELECT pid, application_name, state,"
                + " xact_start, left(query, 60) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                // A plain (auto)vacuum's snapshot does not hold back what VACUUM FULL may remove: skip those
                + " AND backend_type = 'client backend'"
                + " AND NOT (state = 'active' AND query ~* '^\\s*vacuum\\M' AND query !~* 'full')"
                + " AND (age(backend_xmin) > age(?::text::xid) OR age(backend_xid) > age(?::text::xid))")) {
            older.setString(1, horizon);
            older.setString(2, horizon);
            while (true) {
                StringBuilder sessions = new StringBuilder();
                try (ResultSet rows = older.executeQuery()) {
                    while (rows.next()) {
                        sessions.append(sessions.isEmpty() ? "" : "; ").append("pid ").append(rows.getInt(1))
                                .append(" (").append(rows.getString(2)).append(", ").append(rows.getString(3))
                                .append(" since ").append(rows.getTimestamp(4)).append(": ").append(rows.getString(5))
                                .append(')');
                    }
                }
                if (sessions.isEmpty()) {
                    return null;
                }
                if (System.nanoTime() > deadline) {
                    return sessions.toString();
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return sessions.toString();
                }
            }
        }
    }

    /**
     * Vacuums the tables retention deletes from, so that the dead rows leave the tables' visibility and their space
     * is reused. PostgreSQL does not zero the freed space: until it is overwritten it may still hold the encrypted
     * payloads, readable only with the subject's key (which erasure destroys); docs/PRIVACY.md says so.
     */
    @Override
    public void scrubErased() {
        database.outsideTransaction("vacuuming after retention", c -> {
            try (Statement statement = c.createStatement()) {
                statement.execute("VACUUM events, event_ids, anonymous_tallies, identity_links, declared_preferences");
            }
            return null;
        });
    }

    /**
     * Work on the store's connection inside the transaction of a store call, after the store's own statements and
     * before the commit: cluster mode writes its outbox row there (grat-cluster), so that the row and the write it
     * describes commit together or not at all.
     */
    @FunctionalInterface
    public interface Alongside {

        /**
         * @param result what the transaction's work returned: for a write, what the call returns (the new event ids,
         *               the expired events or tallies, the ledger link, the erased record counts)
         */
        void run(Connection connection, Object result) throws SQLException;
    }

    /**
     * Runs {@code call} (one writing call of this store on this thread) with {@code work} in its first write
     * transaction. Returns whether the call ran a write transaction (a call with nothing to write runs none).
     */
    public boolean writeAlongside(Alongside work, Runnable call) {
        return database.alongside(Objects.requireNonNull(work, "work"), false, call);
    }

    /**
     * Runs {@code call} (one reading call of this store on this thread) with {@code work} in its first read
     * transaction, made REPEATABLE READ so that {@code work} reads the same snapshot as the call.
     */
    public boolean readAlongside(Alongside work, Runnable call) {
        return database.alongside(Objects.requireNonNull(work, "work"), true, call);
    }

    /** Closes the pool. Every call that returned was committed. */
    @Override
    public void close() {
        if (database.close()) {
            dataSource.close();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getName() : root.getMessage();
    }
}
