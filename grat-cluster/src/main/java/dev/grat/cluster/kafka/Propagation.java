package dev.grat.cluster.kafka;

import java.util.Arrays;

/**
 * How long changes took from the commit on the node that made them to being applied here (wall clock, so across
 * machines it includes their clock difference). Keeps the last {@code capacity} samples. Thread-safe.
 */
public final class Propagation {

    /** Percentiles of the samples kept, in milliseconds. */
    public record Snapshot(int samples, double p50Millis, double p99Millis, double maxMillis) {
    }

    private final long[] micros;
    private int next;
    private int size;

    Propagation(int capacity) {
        this.micros = new long[capacity];
    }

    synchronized void record(long latencyMicros) {
        micros[next] = latencyMicros;
        next = (next + 1) % micros.length;
        size = Math.min(size + 1, micros.length);
    }

    public synchronized Snapshot snapshot() {
        if (size == 0) {
            return new Snapshot(0, 0, 0, 0);
        }
        long[] sorted = Arrays.copyOf(micros, size);
        Arrays.sort(sorted);
        return new Snapshot(size, percentile(sorted, 0.50), percentile(sorted, 0.99), sorted[size - 1] / 1000.0);
    }

    private static double percentile(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1000.0;
    }
}
