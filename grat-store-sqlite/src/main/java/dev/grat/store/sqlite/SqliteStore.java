package dev.grat.store.sqlite;

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
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedded default store: one data directory, one SQLite database in WAL mode.
 *
 * <h2>Files</h2>
 * <ul>
 *   <li>{@code grat.db}: the database (events, anonymous tallies, the consent ledger, the catalog, identity links,
 *       content slots, declared preferences); its schema version is SQLite's {@code user_version}. The decision log and state are
 *       tables of the same file once {@link SqliteDecisions} is opened on the store.</li>
 *   <li>{@code grat.db-wal} and {@code grat.db-shm}: SQLite's write-ahead log and its index, present while open.</li>
 *   <li>{@code subject-keys.db} (with its own log): the store's hash key and one data key per visitor
 *       ({@link KeyFile}), attached to every connection; back it up apart from {@code grat.db}, if at all.</li>
 *   <li>{@code grat.lock}: held exclusively while a store is open, so two processes never share a directory.</li>
 * </ul>
 *
 * <h2>Durability</h2>
 * One writer thread owns the only write connection. Calls from any thread queue their work; the writer commits
 * everything queued in one transaction (group commit) and only then releases the callers, so a call that returned
 * is durable: with {@link SqliteOptions.Synchronous#FULL} (the default) it survives a crash of the process, of the
 * operating system and a power loss; with {@code NORMAL} it survives a crash of the process. Reads run on a few
 * read-only connections beside the writer and see every commit that returned. {@link #close()} commits all queued
 * work before it returns.
 *
 * <h2>Privacy</h2>
 * Anonymous events leave only the keyed hash of their id with the day it was received (so a retried batch is not
 * counted twice) and hourly tallies; any identifier they still carry is dropped before it reaches the database.
 * Personal records (events, consent entries, identity links, declared preferences, dead letters that name a
 * visitor) are sealed with a key per visitor that lives in the key file, and found by keyed hashes of the ids
 * (crypto-shredding, see docs/STORAGE.md).
 * {@link #eraseVisitor(String)} deletes the visitor's records and key and turns their consent entries
 * into tombstones (only the ledger's hash chain stays) in one transaction, then rewrites both files
 * ({@code VACUUM}) and truncates their write-ahead logs, so that no byte of the visitor stays in any file of the
 * directory, and a copy of {@code grat.db} made before opens none of the visitor's records with the live key file;
 * {@code secure_delete} zeroes what other deletes remove.
 * The rewrite takes time in proportion to the database size (about 4 s for 170 MB on a small server) and
 * writes wait for it. Erased event ids are forgotten too, so a batch of the visitor sent again is stored again.
 *
 * <pre>{@code
 * try (SqliteStore store = SqliteStore.open(Path.of("grat-data"))) { ... }
 * }</pre>
 */
public final class SqliteStore implements Store {

    /** The name of the database file in the data directory. */
    public static final String DATABASE_FILE = "grat.db";

    private final String databaseName;
    private final DirectoryLock lock;
    private final GroupCommitWriter writer;
    private final ReadPool reads;
    private final SqliteEvents events;
    private final SqliteConsents consents;
    private final SqliteCatalog catalog;
    private final SqliteIdentities identities;
    private final SqliteContent content;
    private final SqliteDeadLetters deadLetters;
    private final SqliteDeclared declared;
    private final Keyring keyring;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SqliteStore(String databaseName, DirectoryLock lock, GroupCommitWriter writer, ReadPool reads,
                        SqliteEvents events, JsonColumns json, Keyring keyring) {
        this.databaseName = databaseName;
        this.lock = lock;
        this.writer = writer;
        this.reads = reads;
        this.events = events;
        this.keyring = keyring;
        this.consents = new SqliteConsents(writer, reads, keyring);
        this.catalog = new SqliteCatalog(writer, reads, json);
        this.identities = new SqliteIdentities(writer, reads, keyring);
        this.content = new SqliteContent(writer, reads, json);
        this.deadLetters = new SqliteDeadLetters(writer, reads, keyring);
        this.declared = new SqliteDeclared(writer, reads, keyring);
    }

    /** Opens (creating if needed) the store in {@code dataDir} with {@link SqliteOptions#defaults()}. */
    public static SqliteStore open(Path dataDir) {
        return open(dataDir, SqliteOptions.defaults());
    }

    /** Opens (creating if needed) the store in {@code dataDir}. */
    public static SqliteStore open(Path dataDir, SqliteOptions options) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(options, "options");
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SqliteStoreException("could not create the data directory " + dir + ": " + e, e);
        }
        DirectoryLock lock = DirectoryLock.acquire(dir);
        List<AutoCloseable> opened = new ArrayList<>(List.of(lock));
        try {
            return open(dir.resolve(DATABASE_FILE), options, lock, opened);
        } catch (SQLException | RuntimeException e) {
            SqliteStoreException failure = new SqliteStoreException("could not open the store in " + dir + ": "
                    + e.getMessage(), e);
            closeAll(opened.reversed(), failure);
            throw failure;
        }
    }

    private static SqliteStore open(Path file, SqliteOptions options, DirectoryLock lock, List<AutoCloseable> opened)
            throws SQLException {
        String databaseName = file.toString();
        Path keyFile = file.resolveSibling(KeyFile.FILE_NAME);
        Connection writeConnection = connect(file, options);
        opened.add(writeConnection);
        tuneWriter(writeConnection);
        KeyFile.requirePresent(keyFile, Schema.userVersion(writeConnection), databaseName);
        KeyFile.attach(writeConnection, keyFile, options.synchronous().name());
        Keyring keyring = KeyFile.load(writeConnection, new SecureRandom());
        boolean sealedClearRows = Schema.migrate(writeConnection, databaseName, keyring);
        // Not a schema version: the table is created (or, if an earlier release wrote it in clear, sealed) here.
        sealedClearRows |= SqliteDeadLetters.prepare(writeConnection, keyring);
        if (sealedClearRows) {
            // The rows in clear that the migration replaced must not stay in free pages or the log.
            scrub(writeConnection, databaseName);
        }
        KeyFile.dropRecordsWithoutKey(writeConnection);
        writeConnection.setAutoCommit(false);
        List<Connection> readConnections = new ArrayList<>();
        for (int i = 0; i < options.readConnections(); i++) {
            Connection reader = connect(file, options);
            opened.add(reader);
            KeyFile.attach(reader, keyFile, options.synchronous().name());
            execute(reader, "PRAGMA query_only = ON");
            readConnections.add(reader);
        }
        ReadPool reads = new ReadPool(readConnections, databaseName, options.busyTimeout());
        JsonColumns json = new JsonColumns();
        GroupCommitWriter writer = new GroupCommitWriter(writeConnection, databaseName, options.maxGroupEvents());
        opened.add(writer);
        SqliteEvents events = new SqliteEvents(writeConnection, writer, reads, keyring, options.clock());
        return new SqliteStore(databaseName, lock, writer, reads, events, json, keyring);
    }

    private static Connection connect(Path file, SqliteOptions options) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout((int) options.busyTimeout().toMillis());
        config.setSynchronous(switch (options.synchronous()) {
            case FULL -> SQLiteConfig.SynchronousMode.FULL;
            case NORMAL -> SQLiteConfig.SynchronousMode.NORMAL;
        });
        Connection connection = config.createConnection("jdbc:sqlite:" + file);
        try {
            requireWal(connection, file);
            execute(connection, "PRAGMA secure_delete = ON");
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * Random inserts into the id and visitor indexes dirty many pages per group: a 64 MiB cache keeps them in memory,
     * in-memory savepoint journals spare a temporary file write per page, and checkpoints every 100,000 pages
     * (up to about 400 MB of log) copy a hot page to the database once instead of many times. With 10,000 pages a
     * node that had stored a million events fell behind at 20,000 events/s (docs/BENCHMARKS.md); the price is the
     * log's disk space and a longer checkpoint when an erasure scrubs the file.
     */
    private static void tuneWriter(Connection connection) throws SQLException {
        execute(connection, "PRAGMA cache_size = -65536");
        execute(connection, "PRAGMA temp_store = MEMORY");
        execute(connection, "PRAGMA wal_autocheckpoint = 100000");
    }

    private static void requireWal(Connection connection, Path file) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA journal_mode = WAL")) {
            String mode = rows.next() ? rows.getString(1) : "unknown";
            if (!"wal".equalsIgnoreCase(mode)) {
                throw new SqliteStoreException(file + " cannot use write-ahead logging (journal mode is " + mode
                        + "); the data directory must be on a local file system");
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
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

    @Override
    public ErasedRecords eraseVisitor(String visitorId) {
        Objects.requireNonNull(visitorId, "visitorId");
        byte[] visitorHash = keyring.blinder().hash(Blinder.Domain.VISITOR, visitorId);
        return writer.write("erasure of a visitor", 1, c -> deleteVisitor(c, visitorHash),
                (c, erased) -> {
                    events.forgetErased(erased.events());
                    scrubFreedBytes(c);
                });
    }

    /** Deletes the records and, last, the key; the records left in older copies of grat.db then open no more. */
    private static ErasedRecords deleteVisitor(Connection connection, byte[] visitorHash) throws SQLException {
        SqliteDeadLetters.deleteOfVisitor(connection, visitorHash);
        ErasedRecords erased = new ErasedRecords(
                delete(connection, "DELETE FROM events WHERE visitor_hash = ?", visitorHash),
                SqliteConsents.tombstone(connection, visitorHash),
                delete(connection, "DELETE FROM identity_links WHERE visitor_hash = ?", visitorHash),
                SqliteDeclared.deleteOfVisitor(connection, visitorHash));
        Keyring.destroy(connection, visitorHash);
        return erased;
    }

    private static int delete(Connection connection, String sql, byte[] visitorHash) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setBytes(1, visitorHash);
            return delete.executeUpdate();
        }
    }

    /**
     * Runs after the deletion is committed, so that no copy of the deleted rows stays in any file.
     *
     * <p>secure_delete zeroes the deleted cells and freed pages, but it is not enough: when SQLite splits or merges
     * b-tree pages it sometimes rebuilds a page and leaves stale copies of rows it moved away in the page's unused
     * gap, where no delete ever reaches them ({@code SqliteStoreTest.erase_afterHeavyChurn_leavesNoByteOfAnyErasedVisitor}
     * finds such copies without this step). An incremental vacuum only drops free pages at the end of the file, so
     * only VACUUM, which rebuilds every page from the live rows, removes them. Its cost grows with the database size,
     * and writes wait meanwhile; erasures are rare enough for that. Truncating the write-ahead log afterwards removes
     * the copies of pages from before the erasure; it waits up to the busy timeout for readers to leave the log.
     */
    private void scrubFreedBytes(Connection connection) throws SQLException {
        scrub(connection, databaseName);
    }

    /** Rewrites {@code grat.db} and the key file and truncates their write-ahead logs; see {@link #scrubFreedBytes}. */
    private static void scrub(Connection connection, String databaseName) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // VACUUM builds the new database in temporary storage: a file, not memory the size of the database.
            statement.execute("PRAGMA temp_store = FILE");
            try {
                statement.execute("VACUUM main");
                statement.execute("VACUUM " + KeyFile.SCHEMA);
            } finally {
                statement.execute("PRAGMA temp_store = MEMORY");
            }
            try (ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                result.next();
                if (result.getInt(1) != 0) {
                    throw new SqliteStoreException("the visitor's records are deleted, but readers kept the "
                            + "write-ahead log of " + databaseName + " busy, so old copies of them may remain in it; "
                            + "erasing the visitor again retries");
                }
            }
        }
    }

    /**
     * Scrubs what retention deleted (events, tallies, decisions of the same file) with the same rewrite as an
     * erasure: {@code secure_delete} alone leaves stale copies in rebuilt pages, see {@link #scrubFreedBytes}.
     * Queued behind the deletions on the writer thread, so it sees them all.
     */
    @Override
    public void scrubErased() {
        writer.write("scrubbing after retention", 1, c -> null, (c, nothing) -> scrubFreedBytes(c));
    }

    /** The writer, for the decision tables in the same database ({@link SqliteDecisions}). */
    GroupCommitWriter writer() {
        return writer;
    }

    /** The read connections, for the decision tables in the same database. */
    ReadPool reads() {
        return reads;
    }

    /** Commits all queued writes, then closes every connection and releases the data directory. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        SqliteStoreException failure = new SqliteStoreException("closing the store " + databaseName + " failed");
        closeAll(List.of(writer, reads, lock), failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    private static void closeAll(List<AutoCloseable> resources, Exception failure) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }
}
