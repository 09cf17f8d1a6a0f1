package dev.grat.bench;

import dev.grat.event.Event;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Durable ingestion in-process: the workload's events tracked in batches from several threads into a real
 * engine on the embedded store. An event counts once {@code track} returned for its batch, which means it is
 * committed.
 */
final class IngestBench {

    private IngestBench() {
    }

    static void run(BenchOptions options, PrintStream out) {
        Workload workload = new Workload(options.items(), options.visitors(), options.seed());
        try (BenchEngine engine = BenchEngine.open(workload, options.synchronous(), options.threads(), out)) {
            List<List<Event>> batches = generate(workload, options, out);
            ParallelDriver.Outcome outcome = engine.track(batches, options.threads(), options.maxTime());
            out.println("ingest: " + outcome.describe());
            out.printf(Locale.ROOT, "RESULT ingest (in-process): %,.0f durable events/s with %d threads,"
                    + " batches of %d%n", outcome.eventsPerSecond(), options.threads(), options.batchSize());
            out.printf(Locale.ROOT, "store: %.1f MiB on disk, %s%n", engine.diskBytes() / (1024.0 * 1024),
                    engine.grat().stats());
        }
    }

    static List<List<Event>> generate(Workload workload, BenchOptions options, PrintStream out) {
        long start = System.nanoTime();
        List<List<Event>> batches = workload.batches(options.batchSize(), Instant.now());
        long events = batches.stream().mapToLong(List::size).sum();
        out.printf(Locale.ROOT, "setup: generated %,d events of %,d visitors (%,d batches) in %.1f s%n", events,
                workload.visitors(), batches.size(), BenchEngine.seconds(start));
        return batches;
    }
}
