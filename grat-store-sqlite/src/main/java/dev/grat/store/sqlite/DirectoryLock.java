package dev.grat.store.sqlite;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on {@code grat.lock} in the data directory, held while a store is open: two engines on one
 * directory would each rebuild their memory from the same events and then drift apart.
 */
final class DirectoryLock implements AutoCloseable {

    static final String FILE_NAME = "grat.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DirectoryLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new SqliteStoreException("could not open the lock file " + file + ": " + e.getMessage(), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            throw closing(channel, new SqliteStoreException("the data directory " + dataDir
                    + " is already open in this process", e));
        } catch (IOException e) {
            throw closing(channel, new SqliteStoreException("could not lock " + file + ": " + e.getMessage(), e));
        }
        if (lock == null) {
            throw closing(channel, new SqliteStoreException("the data directory " + dataDir
                    + " is in use by another process"));
        }
        return new DirectoryLock(channel, lock);
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new SqliteStoreException("could not release the lock file: " + e.getMessage(), e);
        }
    }

    private static SqliteStoreException closing(FileChannel channel, SqliteStoreException failure) {
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
        return failure;
    }
}
