package dev.grat.server.importer;

import dev.grat.event.FieldError;
import dev.grat.server.importer.Importer.ImportReport;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** One import of one file: the reader over it, the counts, the first errors and the progress bar. */
final class ImportRun implements AutoCloseable {

    static final int MAX_REPORTED_ERRORS = 20;

    private final CountingInputStream bytes;
    private final BufferedReader reader;
    private final ProgressBar progress;
    private final List<String> firstErrors = new ArrayList<>();
    private long read;
    private long accepted;
    private long rejected;

    private ImportRun(CountingInputStream bytes, ProgressBar progress) {
        this.bytes = bytes;
        this.reader = new BufferedReader(new InputStreamReader(bytes, StandardCharsets.UTF_8));
        this.progress = progress;
    }

    static ImportRun open(Path file, PrintStream out, String label) throws IOException {
        long size = Files.size(file);
        return new ImportRun(new CountingInputStream(Files.newInputStream(file)), new ProgressBar(out, label, size));
    }

    BufferedReader reader() {
        return reader;
    }

    /** Counts one record read from the file. */
    void record() {
        read++;
        progress.update(bytes.count, read);
    }

    void accepted(long count) {
        accepted += count;
    }

    /** Counts one rejected record and keeps its errors if it is among the first. */
    void rejected(long line, List<FieldError> errors) {
        rejected++;
        if (firstErrors.size() < MAX_REPORTED_ERRORS) {
            firstErrors.add("line " + line + ": "
                    + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        }
    }

    void rejected(long line, String field, String message) {
        rejected(line, List.of(new FieldError(field, message)));
    }

    ImportReport finish() {
        progress.finish(bytes.count, read);
        return new ImportReport(read, accepted, rejected, firstErrors);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    /** Counts the bytes read, for the progress bar's percentage. */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
