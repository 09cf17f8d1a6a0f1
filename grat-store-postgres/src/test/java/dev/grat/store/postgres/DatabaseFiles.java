package dev.grat.store.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of the test database on disk ({@code data_directory/base/OID}): every table, index, TOAST table and
 * the catalogs (pg_statistic among them), read byte by byte to prove what is and is not in them. Only possible
 * where the tests run on the database's machine as a user that may read its files (root here).
 */
final class DatabaseFiles {

    private final Path directory;

    private DatabaseFiles(Path directory) {
        this.directory = directory;
    }

    static DatabaseFiles of(Connection connection) throws SQLException {
        String dataDirectory = TestDatabase.queryString(connection, "SHOW data_directory");
        String oid = TestDatabase.queryString(connection,
                "SELECT oid FROM pg_database WHERE datname = current_database()");
        return new DatabaseFiles(Path.of(dataDirectory, "base", oid));
    }

    boolean readable() {
        return Files.isDirectory(directory) && Files.isReadable(directory) && Files.isExecutable(directory);
    }

    /**
     * Which of the byte strings occur in any file of the database, after a checkpoint wrote every changed page
     * from PostgreSQL's memory to the files.
     */
    List<byte[]> found(Connection connection, List<byte[]> needles) throws SQLException {
        TestDatabase.execute(connection, "CHECKPOINT");
        List<String> contents = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                try {
                    // Latin-1 maps every byte to one char, so a search in the string is a search in the bytes.
                    contents.add(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                } catch (NoSuchFileException dropped) {
                    // a relation dropped meanwhile (another test's schema): its bytes are gone
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return needles.stream()
                .filter(needle -> {
                    String bytes = new String(needle, StandardCharsets.ISO_8859_1);
                    return contents.stream().anyMatch(content -> content.contains(bytes));
                })
                .toList();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
