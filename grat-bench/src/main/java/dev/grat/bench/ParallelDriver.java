package dev.grat.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Sends pre-built batches from several threads, each taking the next batch, until all are sent or time is up. */
final class ParallelDriver {

    /** Sends one batch and says what the engine did with it. */
    @FunctionalInterface
    interface BatchSender {
        Counts send(int batch) throws Exception;
    }

    /** What the engine answered for one or more batches. */
    record Counts(long accepted, long personal, long anonymous) {
    }

    /** The outcome of a run. */
    record Outcome(int batches, int batchesSent, long accepted, long personal, long anonymous, long nanos,
                   boolean timedOut) {

        double eventsPerSecond() {
            return accepted / (nanos / 1e9);
        }

        String describe() {
            return String.format(Locale.ROOT, "%,d events (%,d personal, %,d anonymous) in %,d of %,d batches,"
                            + " %.1f s%s", accepted, personal, anonymous, batchesSent, batches, nanos / 1e9,
                    timedOut ? " (stopped at the time bound)" : "");
        }
    }

    private ParallelDriver() {
    }

    static Outcome run(int batches, int threads, Duration maxTime, BatchSender sender) {
        AtomicInteger next = new AtomicInteger();
        LongAdder accepted = new LongAdder();
        LongAdder personal = new LongAdder();
        LongAdder anonymous = new LongAdder();
        AtomicInteger sent = new AtomicInteger();
        long start = System.nanoTime();
        long deadline = start + maxTime.toNanos();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    int batch;
                    while (System.nanoTime() < deadline && (batch = next.getAndIncrement()) < batches) {
                        Counts counts = sender.send(batch);
                        accepted.add(counts.accepted());
                        personal.add(counts.personal());
                        anonymous.add(counts.anonymous());
                        sent.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a sender failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        long nanos = System.nanoTime() - start;
        return new Outcome(batches, sent.get(), accepted.sum(), personal.sum(), anonymous.sum(), nanos,
                sent.get() < batches);
    }
}
