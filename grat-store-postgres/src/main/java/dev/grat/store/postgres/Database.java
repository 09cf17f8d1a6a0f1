package dev.grat.store.postgres;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs work in transactions on pooled connections. A transaction that PostgreSQL aborted to break a deadlock or a
 * serialization conflict is run again, a few times; every other failure becomes a {@link PostgresStoreException}
 * that says what was being done.
 */
final class Database {

    private static final int ATTEMPTS = 4;
    // deadlock_detected, serialization_failure
    private static final Set<String> RETRYABLE = Set.of("40P01", "40001");

    private final DataSource dataSource;
    private final String name;
    private final AtomicBoolean closed = new AtomicBoolean();
    // Work the calling thread asked to run inside its next transaction (PostgresStore.writeAlongside/readAlongside).
    private final ThreadLocal<Pending> pending = new ThreadLocal<>();

    /** Work to run in the next write (or read) transaction of one thread. */
    private record Pending(PostgresStore.Alongside work, boolean inRead) {
    }

    Database(DataSource dataSource, String name) {
        this.dataSource = dataSource;
        this.name = name;
    }

    /** Runs {@code work} in one transaction and commits it; the commit is durable when this returns. */
    <T> T write(String description, SqlWork<T> work) {
        return transaction(description, work, false);
    }

    /** Runs {@code work} in a transaction, so that large results stream with a fetch size, then ends it. */
    <T> T read(String description, SqlWork<T> work) {
        return transaction(description, work, true);
    }

    /**
     * Runs {@code call} with {@code work} added to the first write ({@code inRead}: read) transaction that the call
     * runs on this thread. Returns whether that transaction committed with it.
     */
    boolean alongside(PostgresStore.Alongside work, boolean inRead, Runnable call) {
        if (pending.get() != null) {
            throw new IllegalStateException("already running work alongside a call of the store on this thread");
        }
        pending.set(new Pending(work, inRead));
        try {
            call.run();
            return pending.get() == null;
        } finally {
            pending.remove();
        }
    }

    /** Runs {@code work} outside any transaction (VACUUM cannot run inside one). */
    void outsideTransaction(String description, SqlWork<Void> work) {
        requireOpen();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            work.run(connection);
        } catch (SQLException e) {
            throw failure(description, e);
        }
    }

    private <T> T transaction(String description, SqlWork<T> work, boolean isRead) {
        requireOpen();
        Pending along = pending.get() != null && pending.get().inRead() == isRead ? pending.get() : null;
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                try {
                    if (along != null && isRead) {
                        // The work alongside must read the snapshot the call read (the pool resets the level).
                        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                    }
                    T result = work.run(connection);
                    if (along != null) {
                        along.work().run(connection, result);
                    }
                    connection.commit();
                    if (along != null) {
                        pending.remove();
                    }
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollback(connection, e);
                    throw e;
                }
            } catch (SQLException e) {
                if (attempt < ATTEMPTS && e.getSQLState() != null && RETRYABLE.contains(e.getSQLState())) {
                    continue;
                }
                throw failure(description, e);
            }
        }
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the PostgreSQL store " + name + " is closed");
        }
    }

    PostgresStoreException failure(String description, SQLException e) {
        return new PostgresStoreException(description + " failed on " + name + ": " + e.getMessage()
                + " (SQL state " + e.getSQLState() + ")", e);
    }

    /** Refuses all further work; returns false if it was closed already. */
    boolean close() {
        return closed.compareAndSet(false, true);
    }
}
