package dev.grat.server.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grat.Grat;
import dev.grat.server.json.Parsed;
import dev.grat.server.json.WireFormat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Loads a catalog or events from a file into the engine, with a progress bar.
 *
 * <ul>
 *   <li>Catalog: JSONL (one item object per line, as in {@code PUT /v1/items}) or CSV with the header
 *       {@code id,title,category,brand,price,available} and any further columns as attributes.</li>
 *   <li>Events: JSONL, one event object per line, as in {@code POST /v1/events}.</li>
 * </ul>
 *
 * A bad record does not stop the import: it is counted and reported with its line number and field, and the
 * other records go in. The format is told by the file name ({@code .csv}, {@code .jsonl}, {@code .ndjson},
 * {@code .json}) or else by the first character.
 */
public final class Importer {

    private final Grat grat;
    private final PrintStream progress;
    private final WireFormat wire;
    private final ObjectMapper mapper;

    /** An importer into {@code grat} that draws its progress bar on {@code progress}. */
    public Importer(Grat grat, PrintStream progress) {
        this.grat = Objects.requireNonNull(grat, "grat");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.mapper = WireFormat.defaultMapper();
        this.wire = new WireFormat(mapper);
    }

    /**
     * What an import did.
     *
     * @param read        records read (blank lines not counted)
     * @param accepted    records the engine accepted (for events, including duplicates of stored events)
     * @param rejected    records rejected, by the parser or the engine
     * @param firstErrors the first errors (at most 20), each as {@code line N: field: message}
     */
    public record ImportReport(long read, long accepted, long rejected, List<String> firstErrors) {

        public ImportReport {
            firstErrors = List.copyOf(firstErrors);
        }
    }

    /** Puts the items of a JSONL or CSV file into the catalog. */
    public ImportReport importCatalog(Path file) {
        try (ImportRun run = ImportRun.open(file, progress, "items ")) {
            ItemLoader loader = new ItemLoader(grat, run);
            if (isCsv(file)) {
                CsvCatalog.open(new CsvReader(run.reader())).readInto(run, loader);
            } else {
                readJsonLines(run, wire::item, loader::add);
            }
            loader.flush();
            return run.finish();
        } catch (IOException e) {
            throw unreadable("catalog", file, e);
        }
    }

    /** Tracks the events of a JSONL file, in batches of the engine's maximum batch size. */
    public ImportReport importEvents(Path file) {
        try (ImportRun run = ImportRun.open(file, progress, "events")) {
            EventLoader loader = new EventLoader(grat, run);
            readJsonLines(run, wire::event, loader::add);
            loader.flush();
            return run.finish();
        } catch (IOException e) {
            throw unreadable("events", file, e);
        }
    }

    /** Receives one parsed record with the line it came from. */
    @FunctionalInterface
    private interface LineSink<T> {
        void accept(long line, T value);
    }

    private <T> void readJsonLines(ImportRun run, Function<JsonNode, Parsed<T>> parse, LineSink<T> sink)
            throws IOException {
        long line = 0;
        String text;
        while ((text = run.reader().readLine()) != null) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            run.record();
            JsonNode node;
            try {
                node = mapper.readTree(text);
            } catch (JsonProcessingException e) {
                run.rejected(line, "json", "is not valid JSON: " + e.getOriginalMessage());
                continue;
            }
            Parsed<T> parsed = parse.apply(node);
            if (parsed.isValid()) {
                sink.accept(line, parsed.value());
            } else {
                run.rejected(line, parsed.errors());
            }
        }
    }

    private static UncheckedIOException unreadable(String kind, Path file, IOException e) {
        String reason = e instanceof NoSuchFileException ? "there is no such file" : e.toString();
        return new UncheckedIOException("cannot read the " + kind + " file " + file + ": " + reason, e);
    }

    private static boolean isCsv(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return true;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            int c;
            do {
                c = in.read();
            } while (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xEF || c == 0xBB || c == 0xBF);
            return c != '{';
        }
    }
}
