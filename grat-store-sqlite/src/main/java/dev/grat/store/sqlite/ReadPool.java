package dev.grat.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A few read-only connections. In WAL mode readers see the last commit and never wait for the writer,
 * so queries run beside group commits.
 */
final class ReadPool implements AutoCloseable {

    private final BlockingQueue<Connection> idle;
    private final List<Connection> all;
    private final String databaseName;
    private final Duration borrowTimeout;
    private volatile boolean closed;

    ReadPool(List<Connection> connections, String databaseName, Duration borrowTimeout) {
        this.all = List.copyOf(connections);
        this.idle = new ArrayBlockingQueue<>(connections.size(), false, connections);
        this.databaseName = databaseName;
        this.borrowTimeout = borrowTimeout;
    }

    /** Runs {@code work} on a read connection that nobody else uses meanwhile. */
    <T> T read(String description, SqlWork<T> work) {
        Connection connection = borrow(description);
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new SqliteStoreException(description + " on " + databaseName + " failed: " + e.getMessage(), e);
        } finally {
            idle.add(connection);
        }
    }

    private Connection borrow(String description) {
        ensureOpen(description);
        try {
            Connection connection = idle.poll(borrowTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (connection == null) {
                throw new SqliteStoreException("no read connection of " + databaseName + " came free within "
                        + borrowTimeout.toMillis() + " ms for " + description + " (pool size " + all.size() + ")");
            }
            if (closed) {
                idle.add(connection);
                ensureOpen(description);
            }
            return connection;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SqliteStoreException("interrupted while waiting for a read connection for " + description, e);
        }
    }

    private void ensureOpen(String description) {
        if (closed) {
            throw new IllegalStateException("the store " + databaseName + " is closed; cannot run " + description);
        }
    }

    /** Refuses new reads, waits for running ones to finish, and closes every connection. */
    @Override
    public void close() {
        closed = true;
        List<Connection> returned = new ArrayList<>();
        try {
            while (returned.size() < all.size()) {
                Connection connection = idle.poll(borrowTimeout.toMillis(), TimeUnit.MILLISECONDS);
                if (connection == null) {
                    break; // a reader still iterates; its connection is closed below all the same
                }
                returned.add(connection);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        SQLException failure = null;
        for (Connection connection : all) {
            try {
                connection.close();
            } catch (SQLException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new SqliteStoreException("could not close a read connection of " + databaseName, failure);
        }
    }
}
