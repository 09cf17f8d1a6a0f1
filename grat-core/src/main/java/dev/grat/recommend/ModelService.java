package dev.grat.recommend;

import dev.grat.EngineSettings;
import dev.grat.consent.ConsentBook;
import dev.grat.consent.Purpose;
import dev.grat.recommend.model.AlsTrainer;
import dev.grat.recommend.model.EventInteractions;
import dev.grat.recommend.model.EventWeights;
import dev.grat.recommend.model.Interactions;
import dev.grat.recommend.model.TrainedModel;
import dev.grat.store.EventStore;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Trains the learned model on the stored events of visitors who consented to personalization, in the
 * background or on request, and swaps it in atomically. Erasure and withdrawn consent count as changes, so
 * the next model is the one trained without that visitor.
 */
public final class ModelService implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ModelService.class.getName());
    private static final Duration CHECK_EVERY = Duration.ofSeconds(15);

    private final ModelSettings settings;
    private final EventWeights weights;
    private final EventStore events;
    private final ConsentBook consents;
    private final ModelRepository repository;
    private final Clock clock;
    private final AtomicReference<TrainedModel> current = new AtomicReference<>();
    private final AtomicReference<TrainingReport> lastReport = new AtomicReference<>();
    private final AtomicLong changesSinceTraining = new AtomicLong();
    private volatile boolean forgetRequested;
    private volatile long lastTrainedNanos = System.nanoTime();
    private final Object trainingLock = new Object();
    private ScheduledExecutorService scheduler;
    private volatile java.util.function.BooleanSupplier trainsInBackground = () -> true;

    public ModelService(ModelSettings settings, EngineSettings engine, EventStore events, ConsentBook consents,
                        ModelRepository repository, Clock clock) {
        this.settings = settings;
        this.weights = EventWeights.from(engine);
        this.events = events;
        this.consents = consents;
        this.repository = repository;
        this.clock = clock;
        repository.load().ifPresent(current::set);
    }

    /** The model in use, if one was trained or loaded. */
    public Optional<TrainedModel> current() {
        return Optional.ofNullable(current.get());
    }

    /**
     * Cluster mode: background training runs only while {@code condition} holds (this node leads); the other nodes
     * {@link #use} the models the leader trained.
     */
    public void trainInBackgroundWhen(java.util.function.BooleanSupplier condition) {
        this.trainsInBackground = condition;
    }

    /** Cluster mode: puts a model another node trained in use here. */
    public void use(TrainedModel model) {
        current.set(model);
    }

    /** Counts new training data (new personal events). */
    public void dataChanged(long changes) {
        changesSinceTraining.addAndGet(changes);
    }

    /**
     * A visitor's data must leave the model (erasure, withdrawn consent): the next background round retrains
     * whatever the interval, so the model in use becomes the one trained without them.
     */
    public void forget() {
        forgetRequested = true;
        changesSinceTraining.incrementAndGet();
    }

    /** Trains a new model now from the stored events, saves it and puts it in use. One training at a time. */
    public TrainingReport train() {
        synchronized (trainingLock) {
            long changesSeen = changesSinceTraining.get();
            forgetRequested = false;
            Instant started = clock.instant();
            long t0 = System.nanoTime();
            EventInteractions collector = new EventInteractions(weights);
            events.forEachEvent(event -> {
                if (consents.stateOf(event.visitorId()).allows(Purpose.PERSONALIZATION)) {
                    collector.accept(event);
                }
            });
            Interactions data = collector.build();
            if (data.userCount() == 0 || data.itemCount() < 2) {
                TrainingReport report = new TrainingReport(started, 0, data.userCount(), data.itemCount(),
                        data.nonZeros(), "skipped: not enough consented interactions to learn from");
                lastReport.set(report);
                return report;
            }
            TrainedModel model = new AlsTrainer(settings.als()).train(data);
            repository.save(model);
            current.set(model);
            changesSinceTraining.addAndGet(-changesSeen);
            lastTrainedNanos = System.nanoTime();
            TrainingReport report = new TrainingReport(started, Duration.ofNanos(System.nanoTime() - t0).toMillis(),
                    data.userCount(), data.itemCount(), data.nonZeros(), model.describe());
            lastReport.set(report);
            LOG.log(Level.INFO, "model trained: {0} users, {1} items, {2} ms", data.userCount(), data.itemCount(),
                    report.millis());
            return report;
        }
    }

    /** The report of the last training, if any ran since start-up. */
    public Optional<TrainingReport> lastReport() {
        return Optional.ofNullable(lastReport.get());
    }

    /** Starts background training when enabled: at start if there is no model, then when enough changed. */
    public synchronized void start() {
        if (!settings.enabled() || scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("grat-trainer").factory());
        long check = Math.min(CHECK_EVERY.toMillis(), settings.interval().toMillis());
        scheduler.scheduleWithFixedDelay(this::trainIfDue, check, check, TimeUnit.MILLISECONDS);
    }

    /**
     * Due when data must be forgotten, when there is data but no model yet, or when enough new events came in
     * and the interval has passed since the last training.
     */
    private boolean due() {
        long changes = changesSinceTraining.get();
        if (forgetRequested || (current.get() == null && changes > 0)) {
            return true;
        }
        return changes >= settings.minNewEvents()
                && System.nanoTime() - lastTrainedNanos >= settings.interval().toNanos();
    }

    private void trainIfDue() {
        try {
            if (trainsInBackground.getAsBoolean() && due()) {
                train();
            }
        } catch (RuntimeException e) {
            // The next round tries again; the old model stays in use meanwhile.
            LOG.log(Level.WARNING, "model training failed: " + e.getClass().getName(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    /** What one training did. */
    public record TrainingReport(Instant startedAt, long millis, int users, int items, int interactions, String model) {
    }
}
