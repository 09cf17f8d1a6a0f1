package dev.grat.store.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads every byte of every file under a directory, to prove what is and is not on disk. */
final class DataDirectoryScan {

    private DataDirectoryScan() {
    }

    /** The files (relative to {@code dir}) whose bytes contain {@code text} in UTF-8. */
    static List<String> filesContaining(Path dir, String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (contains(Files.readAllBytes(file), needle)) {
                    hits.add(dir.relativize(file).toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hits;
    }

    /** Which of {@code texts} occur, in UTF-8, anywhere in the files under {@code dir}. */
    static List<String> textsFound(Path dir, List<String> texts) {
        List<String> contents = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                // Latin-1 maps every byte to one char, so a search in the string is a search in the bytes.
                contents.add(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return texts.stream()
                .filter(text -> {
                    String bytes = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
                    return contents.stream().anyMatch(content -> content.contains(bytes));
                })
                .toList();
    }

    /** Which of {@code needles} occur anywhere in the files under {@code dir}, as their indexes in the list. */
    static List<Integer> bytesFound(Path dir, List<byte[]> needles) {
        List<String> texts = needles.stream().map(bytes -> new String(bytes, StandardCharsets.ISO_8859_1)).toList();
        List<String> contents = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                contents.add(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (contents.stream().anyMatch(content -> content.contains(text))) {
                found.add(i);
            }
        }
        return found;
    }

    /**
     * A 32-byte piece of the ciphertext (after the format byte and the nonce) of each sealed payload that
     * {@code sql} selects from {@code grat.db}: random bytes that occur in the files only where that record does.
     */
    static List<byte[]> sealedPieces(Path dir, String sql) {
        List<byte[]> pieces = new ArrayList<>();
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(
                "jdbc:sqlite:" + dir.resolve(SqliteStore.DATABASE_FILE));
             java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                pieces.add(java.util.Arrays.copyOfRange(rows.getBytes(1), 13, 45));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return pieces;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
