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

    Database(DataSource dataSource, String name) {
        this.dataSource = dataSource;
        this.name = name;
    }

    /** Runs {@code work} in one transaction and commits it; the commit is durable when this returns. */
    <T> T write(String description, SqlWork<T> work) {
        return transaction(description, work);
    }

    /** Runs {@code work} in a transaction, so that large results stream with a fetch size, then ends it. */
    <T> T read(String description, SqlWork<T> work) {
        return transaction(description, work);
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

    private <T> T transaction(String description, SqlWork<T> work) {
        requireOpen();
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollback(connection, e);
                    throw e;
                }
            } catch (SQLException e) {
                if (attempt < ATTEMPTS && RETRYABLE.contains(e.getSQLState())) {
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
