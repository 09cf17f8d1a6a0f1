package dev.grat;

import dev.grat.catalog.Catalog;
import dev.grat.catalog.Identifiers;
import dev.grat.catalog.Item;
import dev.grat.consent.ConsentBook;
import dev.grat.consent.ConsentChange;
import dev.grat.consent.ConsentRecord;
import dev.grat.consent.Purpose;
import dev.grat.consent.TcfPurposes;
import dev.grat.consent.TcfSignal;
import dev.grat.decide.ContentDecision;
import dev.grat.decide.ContentService;
import dev.grat.decide.ContentVariant;
import dev.grat.decide.LearnedLayouts;
import dev.grat.decide.Navigation;
import dev.grat.decide.NavigationService;
import dev.grat.decide.bandit.DecisionAnswer;
import dev.grat.decide.bandit.DecisionLog;
import dev.grat.decide.bandit.DecisionRecord;
import dev.grat.decide.bandit.DecisionRequest;
import dev.grat.decide.bandit.DecisionService;
import dev.grat.decide.bandit.DecisionSettings;
import dev.grat.decide.bandit.DecisionStateStore;
import dev.grat.decide.bandit.InMemoryDecisionLog;
import dev.grat.decide.bandit.InMemoryDecisionStateStore;
import dev.grat.decide.bandit.Outcome;
import dev.grat.decide.bandit.PolicyConfig;
import dev.grat.decide.bandit.SlotExperiment;
import dev.grat.decide.bandit.SlotStatus;
import dev.grat.decide.bandit.VisitorSignals;
import dev.grat.event.Event;
import dev.grat.event.EventIngestor;
import dev.grat.event.FieldError;
import dev.grat.event.IngestResult;
import dev.grat.event.TrackContext;
import dev.grat.experiment.ExperimentResults;
import dev.grat.privacy.ErasureReceipt;
import dev.grat.privacy.PrivacyService;
import dev.grat.privacy.SubjectExport;
import dev.grat.profile.IdentityGraph;
import dev.grat.profile.ProfileBook;
import dev.grat.recommend.CoOccurrence;
import dev.grat.recommend.ModelRepository;
import dev.grat.recommend.ModelService;
import dev.grat.recommend.ModelSettings;
import dev.grat.recommend.Popularity;
import dev.grat.recommend.RecommendationRequest;
import dev.grat.recommend.RecommendationService;
import dev.grat.recommend.Recommendations;
import dev.grat.recommend.model.EventWeights;
import dev.grat.store.IdentityLink;
import dev.grat.store.Store;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;

/**
 * The Grat engine, for use in-process. The HTTP server is a thin adapter over exactly this API.
 *
 * <pre>{@code
 * try (Grat grat = Grat.builder().store(SqliteStore.open(Path.of("grat-data"))).build()) {
 *     grat.setConsent("v1", new ConsentChange(Map.of(Purpose.PERSONALIZATION, true), "banner", "2026-01", false));
 *     grat.track(List.of(event), TrackContext.none());
 *     Recommendations picks = grat.recommend(RecommendationRequest.home("v1", 10));
 * }
 * }</pre>
 *
 * All methods are safe to call from many threads. At build time the engine loads the catalog, consent and
 * every stored event from the store and rebuilds its in-memory state.
 */
public final class Grat implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Grat.class.getName());
    /** How often closed attribution windows are settled in the background. */
    private static final Duration SETTLE_EVERY = Duration.ofSeconds(5);

    private final Store store;
    private final Clock clock;
    private final EngineSettings settings;
    private final Catalog catalog;
    private final ConsentBook consents;
    private final ProfileBook profiles;
    private final Popularity popularity;
    private final CoOccurrence coOccurrence;
    private final EventIngestor ingestor;
    private final RecommendationService recommendations;
    private final NavigationService navigation;
    private final ContentService content;
    private final PrivacyService privacy;
    private final ModelService models;
    private final DecisionService decisions;
    private final LearnedLayouts layouts;
    private final DecisionSettings decisionSettings;
    private final ScheduledExecutorService settler;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Grat(Builder builder) {
        this.store = builder.store;
        this.settings = builder.settings;
        this.clock = builder.clock;
        this.catalog = new Catalog(store.catalog());
        this.consents = new ConsentBook(store.consents(), clock);
        this.profiles = new ProfileBook(settings, catalog, new IdentityGraph(store.identities()));
        this.popularity = new Popularity(settings, catalog, clock);
        this.coOccurrence = new CoOccurrence();
        this.ingestor = new EventIngestor(settings, clock, store.events(), consents, profiles, popularity, coOccurrence);
        this.models = new ModelService(builder.modelSettings, settings, store.events(), consents, builder.modelRepository, clock);
        this.recommendations = new RecommendationService(catalog, consents, profiles, popularity, coOccurrence, models,
                EventWeights.from(settings), clock);
        this.navigation = new NavigationService(catalog, consents, profiles, popularity, clock);
        this.content = new ContentService(store.content(), consents, profiles, clock);
        this.decisionSettings = builder.decisionSettings;
        this.decisions = new DecisionService(builder.decisionSettings,
                builder.decisionLog != null ? builder.decisionLog : new InMemoryDecisionLog(),
                builder.decisionState != null ? builder.decisionState : new InMemoryDecisionStateStore(),
                this::decisionSignals, clock,
                builder.decisionRandom != null ? builder.decisionRandom : new SplittableRandom(new SecureRandom().nextLong()));
        this.layouts = new LearnedLayouts(decisions, content);
        this.privacy = new PrivacyService(store, consents, profiles, popularity, coOccurrence, decisions, clock);
        consents.onChange(ingestor::onConsentChanged);
        consents.onChange((before, after) -> {
            if (before.allows(Purpose.PERSONALIZATION) && !after.allows(Purpose.PERSONALIZATION)) {
                models.forget();
            }
        });
        ingestor.onPersonalEvents(models::dataChanged);
        ingestor.onNewEvents(this::attributeToDecisions);
        ingestor.replay();
        models.start();
        this.settler = settleEvery(decisions, SETTLE_EVERY);
    }

    /** What a decision may know about the visitor: their profile only with personalization consent. */
    private VisitorSignals.Visit decisionSignals(String visitorId, Instant now) {
        var consent = consents.stateOf(visitorId);
        return new VisitorSignals.Visit(consent.allowsStoringEvents(),
                consent.allows(Purpose.PERSONALIZATION) ? profiles.view(visitorId, now).orElse(null) : null);
    }

    /**
     * Clicks and purchases reward the decisions they name. The events are durable by now, so a failure here must
     * not fail the batch (a retry would be a duplicate and count nothing): it is logged, and the decisions settle
     * with what reached them.
     */
    private void attributeToDecisions(List<Event> newEvents) {
        try {
            decisions.onEvents(newEvents);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "events were stored, but attributing them to decisions failed", e);
        }
    }

    /** Settles closed attribution windows in the background, so that policies learn while no request comes. */
    private static ScheduledExecutorService settleEvery(DecisionService decisions, Duration interval) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("grat-decision-settler").daemon(true).factory());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                decisions.settleDue();
            } catch (RuntimeException e) {
                // A task that throws is never run again: log, and try at the next tick.
                LOG.log(System.Logger.Level.WARNING, "settling decisions failed; retrying in " + interval.toSeconds() + " s", e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return scheduler;
    }

    /** A builder; {@link Builder#store(Store)} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Validates and keeps a batch of events. Invalid events are rejected one by one with the field at fault;
     * the others go in. Events of visitors who have not consented to analytics or personalization are kept
     * only as anonymous counts. When this returns, every accepted event is durable.
     */
    public IngestResult track(List<Event> events, TrackContext context) {
        return ingestor.track(events, context);
    }

    /** Records a consent answer in the ledger and returns the visitor's consent with its history. */
    public ConsentRecord setConsent(String visitorId, ConsentChange change) {
        return consents.record(visitorId, change);
    }

    /**
     * Records consent given through the shop's IAB TCF consent platform: the signal is mapped to Grat's purposes
     * ({@link TcfPurposes}); an expired or foreign-version signal is refused.
     */
    public ConsentRecord setConsentFromTcf(String visitorId, TcfSignal signal, String source,
                                           boolean globalPrivacyControl) {
        return consents.record(visitorId,
                TcfPurposes.toChange(signal, clock.instant(), source, globalPrivacyControl));
    }

    /** The visitor's current consent and ledger history (the default state if they never answered). */
    public ConsentRecord consent(String visitorId) {
        return consents.recordOf(visitorId);
    }

    /** Inserts or replaces catalog items. The whole batch is checked first and rejected if any item is invalid. */
    public void putItems(List<Item> items) {
        catalog.put(items, settings.maxBatchSize());
    }

    public Optional<Item> item(String id) {
        return catalog.get(id);
    }

    /** Recommendations for a visitor and slot, each with a reason; non-personalized without consent. */
    public Recommendations recommend(RecommendationRequest request) {
        return recommendations.recommend(request);
    }

    /** The shop's top-level categories ordered for the visitor. */
    public Navigation navigation(String visitorId) {
        return layouts.navigation(visitorId, navigation.navigationFor(visitorId));
    }

    /** Registers (replaces) the text variants of a content slot. */
    public void putContent(String slot, List<ContentVariant> variants) {
        content.put(slot, variants);
    }

    /** Every content slot with its variants. */
    public Map<String, List<ContentVariant>> contentSlots() {
        return content.slots();
    }

    /** The variant of the slot that fits the visitor, with the reason. */
    public ContentDecision content(String visitorId, String slot) {
        return layouts.content(visitorId, slot, content.decide(visitorId, slot));
    }

    /** Everything stored or derived about the visitor. */
    public SubjectExport export(String visitorId) {
        return privacy.export(visitorId);
    }

    /**
     * Removes the visitor from the store and from every in-memory structure, and schedules a retraining of the
     * learned model without them (the receipt says so).
     */
    public ErasureReceipt erase(String visitorId) {
        ErasureReceipt receipt = privacy.erase(visitorId);
        if (receipt.events() == 0) {
            return receipt;
        }
        models.forget();
        List<String> places = new ArrayList<>(receipt.removedFrom());
        places.add("learned model (retrained without the visitor within 15 seconds when background training is on)");
        return new ErasureReceipt(receipt.visitorId(), receipt.erasedAt(), receipt.events(), receipt.consentEntries(),
                receipt.identityLinks(), places);
    }

    /**
     * Erases a known customer: every visitor id linked to the customer id (their browsers, app installs and
     * newsletter address), one receipt each. Empty when no visitor id is linked (Grat keeps a customer id only
     * with personalization consent, and then always with its link).
     */
    public List<ErasureReceipt> eraseCustomer(String customerId) {
        List<FieldError> errors = new ArrayList<>();
        Identifiers.check(customerId, "customerId", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return store.identities().linksOfCustomer(customerId).stream().map(IdentityLink::visitorId)
                .distinct().map(this::erase).toList();
    }

    /** Trains the learned model now on the consented stored events and puts it in use. */
    public ModelService.TrainingReport trainModel() {
        return models.train();
    }

    /** The report of the last training since start-up, if any. */
    public Optional<ModelService.TrainingReport> lastTraining() {
        return models.lastReport();
    }

    /**
     * Chooses one of the request's candidates for the visitor with the slot's policy (or the visitor's
     * experiment variant, or the shop's own choice for the global holdout), logs the decision with every
     * candidate's probability, and says why. Without personalization consent the decision uses the request
     * context only.
     *
     * @throws NotFoundException     when the slot has no policy ({@link #configureSlot})
     * @throws InvalidInputException naming each bad field of the request
     */
    public DecisionAnswer decide(DecisionRequest request) {
        return decisions.decide(request);
    }

    /**
     * Adds a reward to a decision whose attribution window is open and returns its outcome so far. Clicks and
     * purchases that carry the decision id count by themselves (see {@link DecisionSettings#eventRewards()}).
     */
    public Outcome reward(String decisionId, double value) {
        return decisions.reward(decisionId, value);
    }

    /**
     * Sets how a slot decides (rule, epsilon-greedy, LinUCB, Thompson sampling, each optionally in apprentice
     * mode) and returns its status. The same configuration again keeps what the policy learned; another one
     * starts afresh.
     */
    public SlotStatus configureSlot(String slot, PolicyConfig config) {
        decisions.configure(slot, config);
        return decisions.slots().get(slot);
    }

    /** Lets a slot's fresh learning policy learn from the slot's logged decisions; returns how many. */
    public int warmStart(String slot) {
        return decisions.warmStart(slot);
    }

    /** Every configured decision slot and how it decides. */
    public Map<String, SlotStatus> decisionSlots() {
        return decisions.slots();
    }

    /** Starts an A/B/n experiment on a slot; the global holdout stays out of it and is measured beside it. */
    public void startExperiment(SlotExperiment experiment) {
        decisions.startExperiment(experiment);
    }

    /** Stops assigning visitors to an experiment; its results stay available. */
    public void stopExperiment(String experimentId) {
        decisions.stopExperiment(experimentId);
    }

    /** Every experiment, running or stopped. */
    public List<SlotExperiment> experiments() {
        return decisions.experiments();
    }

    /**
     * An experiment's results so far: per group exposures, clicks, conversions and revenue with intervals, an
     * always-valid comparison with the control, and the sample-ratio check.
     */
    public ExperimentResults experimentResults(String experimentId) {
        return decisions.results(experimentId);
    }

    /** Every logged decision of a slot, oldest first, with its candidates and probabilities (off-policy evaluation). */
    public List<DecisionRecord> loggedDecisions(String slot) {
        return decisions.decisions(slot);
    }

    /** The decision settings: attribution window, event rewards, the global holdout. */
    public DecisionSettings decisionSettings() {
        return decisionSettings;
    }

    /** Settles every decision whose attribution window has closed; the engine also does so every few seconds. */
    public int settleDecisions() {
        return decisions.settleDue();
    }

    /** Sizes of the engine's state, for metrics. */
    public EngineStats stats() {
        return new EngineStats(catalog.size(), profiles.size(), consents.size(), store.events().personalEventCount(),
                coOccurrence.pairCount());
    }

    /** Aggregate figures for the shop's dashboard: engagement since start-up and consent rates. */
    public DashboardStats dashboard() {
        return new DashboardStats(ingestor.engagement(), consents.size(), consents.grantedCounts());
    }

    public EngineSettings settings() {
        return settings;
    }

    /** Stops background training and settling, saves the decision policies, and closes the store. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // No interrupt: a settling round in progress finishes, so that what it logged is also learned and saved.
        settler.shutdown();
        try {
            settler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            decisions.checkpoint();
        } finally {
            models.close();
            store.close();
        }
    }

    /** Builds a {@link Grat}. */
    public static final class Builder {
        private Store store;
        private EngineSettings settings = EngineSettings.defaults();
        private Clock clock = Clock.systemUTC();
        private ModelSettings modelSettings = ModelSettings.onDemand();
        private ModelRepository modelRepository = ModelRepository.inMemoryOnly();
        private DecisionSettings decisionSettings = DecisionSettings.defaults();
        private DecisionLog decisionLog;
        private DecisionStateStore decisionState;
        private RandomGenerator.SplittableGenerator decisionRandom;

        private Builder() {
        }

        /** When to train the learned model (default: only on request, see {@link Grat#trainModel()}). */
        public Builder models(ModelSettings modelSettings) {
            this.modelSettings = Objects.requireNonNull(modelSettings, "modelSettings");
            return this;
        }

        /** Where the trained model is kept between runs (default: not kept). */
        public Builder modelRepository(ModelRepository modelRepository) {
            this.modelRepository = Objects.requireNonNull(modelRepository, "modelRepository");
            return this;
        }

        /** Where Grat keeps its data (required). The engine closes it. */
        public Builder store(Store store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        public Builder settings(EngineSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** The clock for consent times, decay and validation; tests move it. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Attribution window, event rewards, holdout and the other decision settings (default: their defaults). */
        public Builder decisionSettings(DecisionSettings decisionSettings) {
            this.decisionSettings = Objects.requireNonNull(decisionSettings, "decisionSettings");
            return this;
        }

        /**
         * Where decisions are logged (e.g. {@code SqliteDecisions.log()}). Default: in memory, so that the log,
         * open attribution windows and experiment results are not kept across restarts.
         */
        public Builder decisionLog(DecisionLog decisionLog) {
            this.decisionLog = Objects.requireNonNull(decisionLog, "decisionLog");
            return this;
        }

        /**
         * Where slot policies and experiments are kept (e.g. {@code SqliteDecisions.state()}). Default: in memory,
         * so that configured slots, what their policies learned and experiments are lost on restart.
         */
        public Builder decisionState(DecisionStateStore decisionState) {
            this.decisionState = Objects.requireNonNull(decisionState, "decisionState");
            return this;
        }

        /**
         * The source of exploration and decision ids; tests pass a seeded one. Default: seeded from
         * {@link SecureRandom}, so that ids never repeat across restarts (a fixed seed would repeat them).
         */
        public Builder decisionRandom(RandomGenerator.SplittableGenerator random) {
            this.decisionRandom = Objects.requireNonNull(random, "random");
            return this;
        }

        public Grat build() {
            if (store == null) {
                throw new IllegalStateException("a store is required: call store(...) before build()");
            }
            return new Grat(this);
        }
    }
}
