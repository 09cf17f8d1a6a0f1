package dev.grat.recommend.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A few worker threads for one training run, which pull fixed-size chunks of work. Results never depend on
 * the number of threads: each chunk writes its own rows, and reductions are summed in chunk order.
 */
final class Parallel implements AutoCloseable {

    private final int threads;
    private final ExecutorService executor;

    Parallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        this.threads = threads;
        AtomicInteger counter = new AtomicInteger();
        this.executor = threads == 1 ? null : Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "grat-train-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs {@code body} for chunks 0..chunks-1 and returns when all are done; a failure is rethrown. */
    void forEachChunk(int chunks, IntConsumer body) {
        if (executor == null || chunks <= 1) {
            for (int chunk = 0; chunk < chunks; chunk++) {
                body.accept(chunk);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>(threads);
        for (int t = 0; t < Math.min(threads, chunks); t++) {
            workers.add(executor.submit(() -> {
                for (int chunk = next.getAndIncrement(); chunk < chunks; chunk = next.getAndIncrement()) {
                    body.accept(chunk);
                }
            }));
        }
        for (Future<?> worker : workers) {
            await(worker);
        }
    }

    private static void await(Future<?> worker) {
        try {
            worker.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("a training worker failed", e.getCause());
        }
    }

    static int chunks(int rows, int chunkSize) {
        return (rows + chunkSize - 1) / chunkSize;
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
