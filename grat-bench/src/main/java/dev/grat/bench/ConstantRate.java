package dev.grat.bench;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends requests at a constant rate in the manner of wrk2: request {@code i} is due at {@code start + i / rate}, and
 * its latency is measured from that <em>intended</em> time, not from when a sender got round to it. When the server
 * falls behind, the queueing shows in the latencies instead of slowing the generator down with it (no coordinated
 * omission). A fixed number of senders each take the next due request, wait for its time and wait for its answer.
 */
final class ConstantRate {

    /** One request: returns the units it carried that were acknowledged (e.g. durable events), or throws. */
    @FunctionalInterface
    interface Call {
        long send(long index) throws Exception;
    }

    /**
     * What a run did.
     *
     * @param latencies  from intended send time to answer, in microseconds, of every answered request
     * @param sent       requests started
     * @param failed     requests that failed (error status or exception)
     * @param units      units acknowledged
     * @param nanos      from the start to the last answer
     * @param firstError the first failure's message, or null
     */
    record Outcome(Histogram latencies, long sent, long failed, long units, long nanos, String firstError) {

        double unitsPerSecond() {
            return units / (nanos / 1e9);
        }

        String describeLatency() {
            return String.format(java.util.Locale.ROOT, "p50 %.2f ms · p99 %.2f ms · p99.9 %.2f ms · max %.2f ms",
                    latencies.getValueAtPercentile(50) / 1e3, latencies.getValueAtPercentile(99) / 1e3,
                    latencies.getValueAtPercentile(99.9) / 1e3, latencies.getMaxValue() / 1e3);
        }
    }

    private ConstantRate() {
    }

    /** Sends {@code perSecond} requests a second for {@code duration} from {@code senders} senders. */
    static Outcome run(double perSecond, Duration duration, int senders, Call call) {
        long interval = Math.max(1, Math.round(1e9 / perSecond));
        long total = Math.max(1, duration.toNanos() / interval);
        long start = System.nanoTime() + 10_000_000;
        AtomicLong next = new AtomicLong();
        List<Histogram> histograms = new ArrayList<>();
        List<long[]> tallies = new ArrayList<>();
        List<String[]> errors = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            Histogram histogram = new Histogram(3_600_000_000L, 3);
            long[] tally = new long[3];
            String[] error = new String[1];
            histograms.add(histogram);
            tallies.add(tally);
            errors.add(error);
            threads.add(Thread.ofVirtual().start(() -> {
                for (long i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    long intended = start + i * interval;
                    long wait;
                    while ((wait = intended - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    tally[0]++;
                    try {
                        tally[2] += call.send(i);
                        histogram.recordValue(Math.max(0, (System.nanoTime() - intended) / 1000));
                    } catch (Exception e) {
                        tally[1]++;
                        if (error[0] == null) {
                            error[0] = e.getClass().getSimpleName() + ": " + e.getMessage();
                        }
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        long nanos = System.nanoTime() - start;
        Histogram all = new Histogram(3_600_000_000L, 3);
        histograms.forEach(all::add);
        String firstError = errors.stream().map(e -> e[0]).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        return new Outcome(all, tallies.stream().mapToLong(t -> t[0]).sum(), tallies.stream().mapToLong(t -> t[1]).sum(),
                tallies.stream().mapToLong(t -> t[2]).sum(), nanos, firstError);
    }
}
