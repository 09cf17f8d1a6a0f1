package dev.grat.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Recorded response times in nanoseconds, and their percentiles (exact: every sample is kept and sorted). */
public final class Latencies {

    private long[] nanos;
    private int size;

    public Latencies(int expected) {
        nanos = new long[Math.max(16, expected)];
    }

    public void record(long elapsedNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = elapsedNanos;
    }

    public static Latencies merge(List<Latencies> parts) {
        Latencies all = new Latencies(parts.stream().mapToInt(part -> part.size).sum());
        for (Latencies part : parts) {
            System.arraycopy(part.nanos, 0, all.nanos, all.size, part.size);
            all.size += part.size;
        }
        return all;
    }

    public int count() {
        return size;
    }

    /** The value below which the fraction {@code quantile} of the samples lie (nearest rank). */
    public long percentile(double quantile) {
        if (size == 0) {
            throw new IllegalStateException("no samples recorded");
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(quantile * size);
        return sorted[Math.clamp(rank - 1, 0, size - 1)];
    }

    /** {@code p50 0.21 ms · p90 ... · p99 ... · p99.9 ... · max ... (n = 20,000)} */
    public String describe() {
        return String.format(Locale.ROOT, "p50 %s · p90 %s · p99 %s · p99.9 %s · max %s (n = %,d)",
                millis(percentile(0.50)), millis(percentile(0.90)), millis(percentile(0.99)),
                millis(percentile(0.999)), millis(percentile(1.0)), size);
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
    }
}
