package dev.grat.server.importer;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One line of progress, redrawn in place with a carriage return: a bar of the bytes read, the percentage,
 * the records read and their rate. Redraws at most ten times a second, so that it costs nothing.
 */
final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long REDRAW_INTERVAL = TimeUnit.MILLISECONDS.toNanos(100);

    private final PrintStream out;
    private final String label;
    private final long totalBytes;
    private final long started = System.nanoTime();
    private long lastDrawn = Long.MIN_VALUE;

    ProgressBar(PrintStream out, String label, long totalBytes) {
        this.out = out;
        this.label = label;
        this.totalBytes = totalBytes;
    }

    void update(long bytes, long records) {
        long now = System.nanoTime();
        if (lastDrawn == Long.MIN_VALUE || now - lastDrawn >= REDRAW_INTERVAL) {
            lastDrawn = now;
            draw(bytes, records, now);
        }
    }

    /** Draws the final state and ends the line. */
    void finish(long bytes, long records) {
        draw(bytes, records, System.nanoTime());
        out.println();
        out.flush();
    }

    private void draw(long bytes, long records, long now) {
        double fraction = totalBytes <= 0 ? 1 : Math.min(1, (double) bytes / totalBytes);
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        out.print(String.format(Locale.ROOT, "\r%s [%s%s] %3d%%  %,d records  %,.0f/s", label,
                "#".repeat(filled), " ".repeat(WIDTH - filled), Math.round(fraction * 100), records,
                records / seconds));
        out.flush();
    }
}
