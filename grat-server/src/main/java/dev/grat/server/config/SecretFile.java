package dev.grat.server.config;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Key files the server generates into its data directory: readable by their owner only, written once. */
public final class SecretFile {

    private SecretFile() {
    }

    /**
     * Creates {@code file} owner-readable only (where the file system has POSIX permissions) and writes
     * {@code content} to disk. If the file exists already, another process won the race and nothing is written: the
     * caller reads that process's key.
     */
    public static void createOnce(Path file, byte[] content) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        try {
            if (Files.getFileStore(absolute.getParent()).supportsFileAttributeView("posix")) {
                Files.createFile(absolute, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(absolute);
            }
        } catch (FileAlreadyExistsException raced) {
            return;
        }
        Files.write(absolute, content, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
    }
}
