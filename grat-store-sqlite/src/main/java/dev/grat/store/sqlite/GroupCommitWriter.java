package dev.grat.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The only thread that writes. Callers of any thread hand it work and wait; it takes everything queued
 * (up to a bound) and commits it in one transaction, so one sync to disk serves many callers (group commit).
 * Each piece of work runs inside its own savepoint, so one that fails is rolled back alone and its caller gets
 * the error while the others of the group still commit.
 */
final class GroupCommitWriter implements AutoCloseable {

    /** Work that must run on the write connection outside any transaction once its group is committed. */
    @FunctionalInterface
    interface AfterCommit<T> {
        void run(Connection connection, T committedResult) throws SQLException;
    }

    private record Task<T>(String description, int weight, SqlWork<T> work, AfterCommit<T> afterCommit,
                           CompletableFuture<T> done) {
    }

    private final Connection connection;
    private final String databaseName;
    private final int maxGroupWeight;
    private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
    private final Task<Void> stop = new Task<>("stop", 0, c -> null, null, new CompletableFuture<>());
    private final Object lifecycle = new Object();
    private final Thread thread;
    private boolean closed;

    /** Takes over {@code connection}, which must be in manual-commit mode, and closes it on {@link #close()}. */
    GroupCommitWriter(Connection connection, String databaseName, int maxGroupWeight) {
        this.connection = connection;
        this.databaseName = databaseName;
        this.maxGroupWeight = maxGroupWeight;
        this.thread = Thread.ofPlatform().name("grat-sqlite-writer").daemon(false).unstarted(this::loop);
        this.thread.start();
    }

    /** Runs {@code work} in the next group transaction and returns its result once that group is durable. */
    <T> T write(String description, int weight, SqlWork<T> work) {
        return write(description, weight, work, null);
    }

    /**
     * Like {@link #write(String, int, SqlWork)}, then runs {@code afterCommit} on the write connection before the
     * caller is released; if it fails the caller gets that error, although the work itself is committed.
     */
    <T> T write(String description, int weight, SqlWork<T> work, AfterCommit<T> afterCommit) {
        CompletableFuture<T> done = new CompletableFuture<>();
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("the store " + databaseName + " is closed; cannot run " + description);
            }
            queue.add(new Task<>(description, weight, work, afterCommit, done));
        }
        return await(done, description);
    }

    private <T> T await(CompletableFuture<T> done, String description) {
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SqliteStoreException("interrupted while waiting for " + description + " on " + databaseName
                    + "; it may still be committed", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            // A new exception, so that the caller's own stack trace shows up beside the writer's.
            throw new SqliteStoreException(cause.getMessage(), cause);
        }
    }

    /** Refuses new work, commits everything queued, then stops the thread and closes the connection. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(stop);
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true; // keep waiting: closing the connection under the writer would lose the queue
            }
        }
        closeConnection();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeConnection() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new SqliteStoreException("could not close the write connection of " + databaseName, e);
        }
    }

    private void loop() {
        boolean stopping = false;
        while (!stopping) {
            List<Task<?>> group = new ArrayList<>();
            stopping = takeGroup(group);
            try {
                commitGroup(group);
            } catch (Throwable unexpected) {
                // The writer must outlive any failure: a dead writer would leave every caller waiting forever.
                SqliteStoreException failure = new SqliteStoreException("the writer of " + databaseName
                        + " failed: " + unexpected, unexpected);
                group.forEach(task -> task.done().completeExceptionally(failure));
            }
        }
    }

    /** Blocks for the first task, then adds whatever else is queued up to the bound. Returns true on stop. */
    private boolean takeGroup(List<Task<?>> group) {
        Task<?> next = takeUninterruptibly();
        int weight = 0;
        while (next != null) {
            if (next == stop) {
                return true;
            }
            group.add(next);
            weight += next.weight();
            next = weight < maxGroupWeight ? queue.poll() : null;
        }
        return false;
    }

    private Task<?> takeUninterruptibly() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                // Only close() ends the writer, through the stop task; nobody else owns this thread.
            }
        }
    }

    private void commitGroup(List<Task<?>> group) {
        if (group.isEmpty()) {
            return;
        }
        List<Done<?>> succeeded = new ArrayList<>(group.size());
        try (Statement statement = connection.createStatement()) {
            for (Task<?> task : group) {
                runInSavepoint(statement, task, succeeded);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollback(e);
            SqliteStoreException failure = new SqliteStoreException("commit of a group of " + group.size()
                    + " writes to " + databaseName + " failed: " + e.getMessage(), e);
            group.forEach(task -> task.done().completeExceptionally(failure));
            return;
        }
        succeeded.forEach(this::finish);
    }

    private record Done<T>(Task<T> task, T result) {
    }

    private <T> void runInSavepoint(Statement statement, Task<T> task, List<Done<?>> succeeded) throws SQLException {
        statement.execute("SAVEPOINT task");
        T result;
        try {
            result = task.work().run(connection);
        } catch (SQLException | RuntimeException e) {
            statement.execute("ROLLBACK TO task");
            statement.execute("RELEASE task");
            task.done().completeExceptionally(new SqliteStoreException(task.description() + " on " + databaseName
                    + " failed: " + e.getMessage(), e));
            return;
        }
        statement.execute("RELEASE task");
        succeeded.add(new Done<>(task, result));
    }

    private <T> void finish(Done<T> done) {
        Task<T> task = done.task();
        if (task.afterCommit() != null) {
            try {
                connection.setAutoCommit(true);
                task.afterCommit().run(connection, done.result());
            } catch (SQLException | RuntimeException e) {
                task.done().completeExceptionally(new SqliteStoreException(task.description() + " on "
                        + databaseName + " was committed, but the step after it failed: " + e.getMessage(), e));
                return;
            } finally {
                restoreManualCommit();
            }
        }
        task.done().complete(done.result());
    }

    private void restoreManualCommit() {
        try {
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new SqliteStoreException("could not restart a transaction on " + databaseName, e);
        }
    }

    private void rollback(Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
