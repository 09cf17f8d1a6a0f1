package dev.grat.store.sqlite;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the embedded store. {@link #defaults()} is what Grat uses unless told otherwise.
 *
 * @param synchronous     how hard each commit is pushed to disk (default {@link Synchronous#FULL})
 * @param busyTimeout     how long a connection waits for a lock held by another connection, and how long an
 *                        erasure waits for readers before it gives up truncating the write-ahead log
 *                        (default 10 seconds)
 * @param readConnections read-only connections kept open for queries beside the writer (default 4)
 * @param maxGroupEvents  most events the writer commits in one group transaction (default 20,000); a single
 *                        batch larger than this is still committed whole
 * @param clock           the clock for the day an anonymous event id was received (default the system UTC clock)
 */
public record SqliteOptions(Synchronous synchronous, Duration busyTimeout, int readConnections, int maxGroupEvents,
                            Clock clock) {

    /** How a commit reaches the disk; both modes keep the database consistent. */
    public enum Synchronous {
        /**
         * Every commit is synced to the device before it returns: an acknowledged batch survives a crash of the
         * process, of the operating system and a power loss.
         */
        FULL,
        /**
         * Commits are written to the write-ahead log but synced only at checkpoints: an acknowledged batch survives
         * a crash of the process ({@code kill -9}), but the last commits can be lost on a power loss or an
         * operating-system crash. Faster on slow disks.
         */
        NORMAL
    }

    public SqliteOptions {
        Objects.requireNonNull(synchronous, "synchronous");
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        Objects.requireNonNull(clock, "clock");
        if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("busyTimeout must be between 0 and " + Integer.MAX_VALUE
                    + " ms, was " + busyTimeout);
        }
        if (readConnections < 1) {
            throw new IllegalArgumentException("readConnections must be at least 1, was " + readConnections);
        }
        if (maxGroupEvents < 1) {
            throw new IllegalArgumentException("maxGroupEvents must be at least 1, was " + maxGroupEvents);
        }
    }

    public static SqliteOptions defaults() {
        return new SqliteOptions(Synchronous.FULL, Duration.ofSeconds(10), 4, 20_000, Clock.systemUTC());
    }

    public SqliteOptions withSynchronous(Synchronous value) {
        return new SqliteOptions(value, busyTimeout, readConnections, maxGroupEvents, clock);
    }

    public SqliteOptions withBusyTimeout(Duration value) {
        return new SqliteOptions(synchronous, value, readConnections, maxGroupEvents, clock);
    }

    public SqliteOptions withReadConnections(int value) {
        return new SqliteOptions(synchronous, busyTimeout, value, maxGroupEvents, clock);
    }

    public SqliteOptions withMaxGroupEvents(int value) {
        return new SqliteOptions(synchronous, busyTimeout, readConnections, value, clock);
    }

    public SqliteOptions withClock(Clock value) {
        return new SqliteOptions(synchronous, busyTimeout, readConnections, maxGroupEvents, value);
    }
}
