package dev.grat.bench;

import dev.grat.Grat;
import dev.grat.catalog.Item;
import dev.grat.event.Event;
import dev.grat.event.IngestResult;
import dev.grat.event.TrackContext;
import dev.grat.recommend.ModelService;
import dev.grat.recommend.ModelSettings;
import dev.grat.store.sqlite.SqliteDecisions;
import dev.grat.store.sqlite.SqliteOptions;
import dev.grat.store.sqlite.SqliteStore;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A real engine on the embedded store in a temporary data directory, with the workload's catalog and the
 * consent answers of its consenting visitors. Closing it deletes the directory.
 */
public final class BenchEngine implements AutoCloseable {

    private final Path dataDir;
    private final Grat grat;

    private BenchEngine(Path dataDir, Grat grat) {
        this.dataDir = dataDir;
        this.grat = grat;
    }

    /**
     * Opens the engine and loads the catalog and the consent answers; prints how long that took. Decisions are
     * logged in memory (the builder's default).
     */
    public static BenchEngine open(Workload workload, SqliteOptions.Synchronous synchronous, int threads,
                                   PrintStream out) {
        return open(workload, synchronous, threads, out, false);
    }

    /**
     * As {@link #open}, with the decision log and policy state in the embedded store, as the server's
     * command line wires them: every decision then waits until its log row is committed.
     */
    public static BenchEngine openWithStoredDecisions(Workload workload, SqliteOptions.Synchronous synchronous,
                                                      int threads, PrintStream out) {
        return open(workload, synchronous, threads, out, true);
    }

    private static BenchEngine open(Workload workload, SqliteOptions.Synchronous synchronous, int threads,
                                    PrintStream out, boolean storedDecisions) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("grat-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary data directory", e);
        }
        SqliteStore store = SqliteStore.open(dataDir, SqliteOptions.defaults().withSynchronous(synchronous));
        // On demand: a background training would compete with the measured requests for the two cores.
        Grat.Builder builder = Grat.builder().store(store).models(ModelSettings.onDemand());
        if (storedDecisions) {
            SqliteDecisions decisions = SqliteDecisions.open(store);
            builder.decisionLog(decisions.log()).decisionState(decisions.state());
        }
        Grat grat = builder.build();
        BenchEngine engine = new BenchEngine(dataDir, grat);
        engine.loadCatalog(workload.catalog(), out);
        engine.answerConsent(workload, threads, out);
        return engine;
    }

    public Grat grat() {
        return grat;
    }

    /** Tracks every batch in-process from {@code threads} threads. */
    ParallelDriver.Outcome track(List<List<Event>> batches, int threads, Duration maxTime) {
        return ParallelDriver.run(batches.size(), threads, maxTime, index -> {
            IngestResult result = grat.track(batches.get(index), TrackContext.none());
            if (!result.rejected().isEmpty()) {
                throw new IllegalStateException("the engine rejected a generated event: " + result.rejected().getFirst());
            }
            return new ParallelDriver.Counts(result.accepted(), result.personal(), result.anonymous());
        });
    }

    /** Trains the learned model (implicit ALS) on the stored consented events and prints its report. */
    void trainModel(PrintStream out) {
        ModelService.TrainingReport report = grat.trainModel();
        out.printf(Locale.ROOT, "setup: learned model trained in %,d ms on %,d users × %,d items, %,d interactions"
                        + " (implicit ALS, %s)%n", report.millis(), report.users(), report.items(), report.interactions(),
                report.model());
    }

    /** Size of the data directory in bytes. */
    long diskBytes() {
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        grat.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the benchmark data directory " + dataDir, e);
        }
    }

    private void loadCatalog(List<Item> items, PrintStream out) {
        long start = System.nanoTime();
        int batch = grat.settings().maxBatchSize();
        for (int from = 0; from < items.size(); from += batch) {
            grat.putItems(items.subList(from, Math.min(items.size(), from + batch)));
        }
        out.printf(Locale.ROOT, "setup: catalog of %,d items in %.1f s%n", items.size(), seconds(start));
    }

    /** Consent answers are single durable writes; several threads let the store commit them in groups. */
    private void answerConsent(Workload workload, int threads, PrintStream out) {
        long start = System.nanoTime();
        int[] consenting = IntStream.range(0, workload.visitors()).filter(workload::consents).toArray();
        int chunk = 1000;
        ParallelDriver.run((consenting.length + chunk - 1) / chunk, Math.max(threads, 4), Duration.ofHours(1),
                index -> {
                    for (int i = index * chunk; i < Math.min(consenting.length, (index + 1) * chunk); i++) {
                        grat.setConsent(Workload.visitorId(consenting[i]), Workload.CONSENT);
                    }
                    return new ParallelDriver.Counts(0, 0, 0);
                });
        double seconds = seconds(start);
        out.printf(Locale.ROOT, "setup: consent of %,d of %,d visitors in %.1f s (%,.0f answers/s)%n",
                consenting.length, workload.visitors(), seconds, consenting.length / seconds);
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
