package dev.grat.server.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grat.privacy.retention.RetentionHook;
import dev.grat.privacy.retention.RetentionPeriods;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The audit log: append-only JSON lines, one file per UTC day ({@code <data>/audit/audit-2026-03-02.jsonl}), each
 * record written and forced to disk before the request that caused it is answered. Entries hold no personal data
 * beyond a keyed pseudonym of the subject ({@link AuditEntry}). Entries older than the audit retention period are
 * removed by the engine's retention job, for which this is a {@link RetentionHook}: whole days are deleted, and the
 * day the cutoff falls in is rewritten without its older entries.
 */
public final class AuditLog implements RetentionHook {

    /** The directory inside the data directory. */
    public static final String DIRECTORY = "audit";

    private static final String PREFIX = "audit-";
    private static final String SUFFIX = ".jsonl";

    private final Path directory;
    private final ObjectMapper mapper;
    private SubjectPseudonyms pseudonyms;

    private AuditLog(Path directory, ObjectMapper mapper) {
        this.directory = directory;
        this.mapper = mapper;
    }

    /**
     * The audit log in {@code dataDir/audit}. The directory and the pseudonym key are made on first use, so that a
     * server that is never asked for personal data leaves no file behind.
     */
    public static AuditLog inDataDirectory(Path dataDir, ObjectMapper mapper) {
        return new AuditLog(dataDir.resolve(DIRECTORY), mapper);
    }

    /** The pseudonyms the log uses, to record a subject or to look one up (reads or makes the key). */
    public synchronized SubjectPseudonyms pseudonyms() {
        if (pseudonyms == null) {
            createDirectory();
            pseudonyms = SubjectPseudonyms.inDirectory(directory);
        }
        return pseudonyms;
    }

    /** Appends one entry and forces it to disk. */
    public synchronized void append(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        createDirectory();
        byte[] line = (toJson(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(fileOf(day(entry.at())), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit log in " + directory, e);
        }
    }

    /** Entries at or after {@code since}, oldest first, at most {@code limit}. */
    public synchronized List<AuditEntry> since(Instant since, int limit) {
        List<AuditEntry> entries = new ArrayList<>();
        for (Path file : files()) {
            if (entries.size() >= limit) {
                break;
            }
            if (dayOf(file).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(since)) {
                continue;
            }
            for (AuditEntry entry : read(file)) {
                if (!entry.at().isBefore(since) && entries.size() < limit) {
                    entries.add(entry);
                }
            }
        }
        return entries;
    }

    @Override
    public String category() {
        return "audit log";
    }

    @Override
    public Duration period(RetentionPeriods periods) {
        return periods.auditLog();
    }

    /** Deletes the days wholly before the cutoff and rewrites the cutoff's day without its older entries. */
    @Override
    public synchronized long eraseBefore(Instant cutoff) {
        LocalDate cutoffDay = day(cutoff);
        long removed = 0;
        for (Path file : files()) {
            LocalDate day = dayOf(file);
            if (day.isBefore(cutoffDay)) {
                removed += read(file).size();
                delete(file);
            } else if (day.equals(cutoffDay)) {
                removed += rewriteWithout(file, cutoff);
            }
        }
        return removed;
    }

    private long rewriteWithout(Path file, Instant cutoff) {
        List<AuditEntry> all = read(file);
        List<AuditEntry> kept = all.stream().filter(e -> !e.at().isBefore(cutoff)).toList();
        if (kept.size() == all.size()) {
            return 0;
        }
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        StringBuilder text = new StringBuilder();
        kept.forEach(entry -> text.append(toJson(entry)).append('\n'));
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite the audit log file " + file, e);
        }
        return all.size() - kept.size();
    }

    private void createDirectory() {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the audit directory " + directory, e);
        }
    }

    private List<Path> files() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> listing = Files.list(directory)) {
            return listing.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the audit directory " + directory, e);
        }
    }

    private List<AuditEntry> read(Path file) {
        try {
            List<AuditEntry> entries = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    entries.add(fromJson(mapper.readTree(line)));
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log file " + file, e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the expired audit log file " + file, e);
        }
    }

    private Path fileOf(LocalDate day) {
        return directory.resolve(PREFIX + day + SUFFIX);
    }

    private static LocalDate dayOf(Path file) {
        String name = file.getFileName().toString();
        return LocalDate.parse(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    private String toJson(AuditEntry entry) {
        ObjectNode node = mapper.createObjectNode();
        node.put("at", entry.at().toString());
        node.put("credential", entry.credential().wireName());
        node.put("keyFingerprint", entry.keyFingerprint());
        node.put("visitorToken", entry.visitorToken());
        node.put("action", entry.action());
        node.put("status", entry.status());
        node.put("subjectKind", entry.subjectKind());
        node.put("subject", entry.subject());
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static AuditEntry fromJson(JsonNode node) {
        return new AuditEntry(Instant.parse(node.path("at").asText()),
                AuditEntry.Credential.fromWire(node.path("credential").asText()), text(node, "keyFingerprint"),
                node.path("visitorToken").asBoolean(), node.path("action").asText(), node.path("status").asInt(),
                text(node, "subjectKind"), text(node, "subject"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
