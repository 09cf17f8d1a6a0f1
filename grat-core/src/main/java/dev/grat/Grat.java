package dev.grat;

import dev.grat.catalog.Catalog;
import dev.grat.cluster.ClusterLink;
import dev.grat.cluster.Replica;
import dev.grat.catalog.Identifiers;
import dev.grat.catalog.Item;
import dev.grat.consent.ConsentBook;
import dev.grat.consent.ConsentChange;
import dev.grat.consent.ConsentRecord;
import dev.grat.consent.ConsentReceipt;
import dev.grat.consent.LedgerVerification;
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
import dev.grat.declared.Declaration;
import dev.grat.declared.DeclaredBook;
import dev.grat.declared.DeclaredPreferences;
import dev.grat.event.Event;
import dev.grat.event.EventIngestor;
import dev.grat.event.FieldError;
import dev.grat.event.IngestResult;
import dev.grat.event.TrackContext;
import dev.grat.experiment.ExperimentResults;
import dev.grat.privacy.ErasureReceipt;
import dev.grat.privacy.PersonalView;
import dev.grat.privacy.PrivacyLevel;
import dev.grat.privacy.PrivacyLevels;
import dev.grat.privacy.PrivacyService;
import dev.grat.privacy.SubjectExport;
import dev.grat.privacy.TransparencyReport;
import dev.grat.privacy.TransparencyReportCounter;
import dev.grat.privacy.policy.DataPolicy;
import dev.grat.privacy.policy.Minimisation;
import dev.grat.privacy.retention.RetentionHook;
import dev.grat.privacy.retention.RetentionJob;
import dev.grat.privacy.retention.RetentionPeriods;
import dev.grat.privacy.retention.RetentionReport;
import dev.grat.profile.IdentityGraph;
import dev.grat.privacy.pseudonym.CustomerIds;
import dev.grat.privacy.pseudonym.PseudonymKey;
import dev.grat.privacy.pseudonym.PseudonymKeys;
import dev.grat.profile.ProfileBook;
import dev.grat.profile.SessionProfiles;
import dev.grat.profile.SessionSettings;
import dev.grat.recommend.CoOccurrence;
import dev.grat.recommend.ModelRepository;
import dev.grat.recommend.ModelService;
import dev.grat.recommend.ModelSettings;
import dev.grat.recommend.Popularity;
import dev.grat.recommend.RecommendationRequest;
import dev.grat.recommend.RecommendationService;
import dev.grat.recommend.Recommendations;
import dev.grat.recommend.model.EventWeights;
import dev.grat.store.AnonymousTally;
import dev.grat.store.DeadLetterStore;
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
    private final PrivacyLevels levels;
    private final DeclaredBook declared;
    private final CustomerIds customerIds;
    private final DataPolicy policy;
    private final TransparencyReportCounter transparency;
    private final RecommendationService recommendations;
    private final NavigationService navigation;
    private final ContentService content;
    private final PrivacyService privacy;
    private final ModelService models;
    private final DecisionService decisions;
    private final LearnedLayouts layouts;
    private final DecisionSettings decisionSettings;
    private final ScheduledExecutorService settler;
    private final RetentionJob retention;
    private final ScheduledExecutorService retentionScheduler;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Replica replica;

    private Grat(Builder builder) {
        this.store = builder.store;
        this.settings = builder.settings;
        this.clock = builder.clock;
        this.catalog = new Catalog(store.catalog());
        this.consents = new ConsentBook(store.consents(), clock);
        this.policy = builder.policy;
        RetentionPeriods periods = builder.retentionPeriods != null ? builder.retentionPeriods
                : RetentionPeriods.from(policy);
        this.profiles = new ProfileBook(settings, catalog, new IdentityGraph(store.identities(),
                () -> clock.instant().minus(periods.identityLinks())));
        this.declared = new DeclaredBook(store.declared(), consents, policy, clock);
        this.popularity = new Popularity(settings, catalog, clock);
        this.coOccurrence = new CoOccurrence();
        this.levels = new PrivacyLevels(consents, profiles,
                new SessionProfiles(builder.sessionSettings, settings, catalog, clock), declared);
        this.customerIds = new CustomerIds(builder.pseudonymKeys != null ? builder.pseudonymKeys : ephemeralKeys());
        this.ingestor = new EventIngestor(settings, clock, store.events(), consents, profiles, popularity, coOccurrence,
                Minimisation.of(policy));
        this.models = new ModelService(builder.modelSettings, settings, store.events(), consents, builder.modelRepository, clock);
        this.recommendations = new RecommendationService(catalog, levels, popularity, coOccurrence, models,
                EventWeights.from(settings), clock);
        this.navigation = new NavigationService(catalog, levels, popularity, clock);
        this.content = new ContentService(store.content(), levels, clock);
        this.decisionSettings = builder.decisionSettings;
        DecisionLog decisionLog = builder.decisionLog != null ? builder.decisionLog : new InMemoryDecisionLog();
        this.decisions = new DecisionService(builder.decisionSettings, decisionLog,
                builder.decisionState != null ? builder.decisionState : new InMemoryDecisionStateStore(),
                this::decisionSignals, clock,
                builder.decisionRandom != null ? builder.decisionRandom : new SplittableRandom(new SecureRandom().nextLong()));
        this.transparency = new TransparencyReportCounter(store, profiles, decisionLog,
                () -> decisions.slots().keySet(), models, clock);
        this.layouts = new LearnedLayouts(decisions, content);
        this.privacy = new PrivacyService(store, consents, profiles, popularity, coOccurrence, decisions, declared,
                clock);
        this.replica = new Replica(ingestor, consents, catalog, privacy, models, this::forgetExpired, declared,
                profiles.identities());
        ClusterLink cluster = builder.cluster;
        consents.onChange((before, after) -> {
            if (!replica.isApplyingConsent()) {
                cluster.consentRecorded(after);
            }
        });
        models.trainInBackgroundWhen(cluster::trainsModels);
        consents.onChange(ingestor::onConsentChanged);
        consents.onChange(levels::onConsentChanged);
        consents.onChange(declared::onConsentChanged);
        consents.onChange((before, after) -> {
            if (before.allows(Purpose.PERSONALIZATION) && !after.allows(Purpose.PERSONALIZATION)) {
                models.forget();
            }
        });
        ingestor.onPersonalEvents(models::dataChanged);
        ingestor.onNewEvents(events -> {
            // The one listener of new events as sent: session-only visitors' events go to their in-memory session.
            levels.onNewEvents(events);
            attributeToDecisions(events);
        });
        ingestor.replay();
        models.start();
        this.settler = settleEvery(decisions, SETTLE_EVERY);
        this.retention = new RetentionJob(periods, store, decisionLog,
                new RetentionJob.Memory(consents, profiles, popularity, coOccurrence, models, declared), clock);
        this.retentionScheduler = retainEvery(retention, builder.retentionEvery);
    }

    /**
     * Runs the retention job in the background; the first run comes one interval after start-up, so that opening an
     * engine (and every test) stays fast. Null when {@code interval} is zero (retention only on request).
     */
    private static ScheduledExecutorService retainEvery(RetentionJob job, Duration interval) {
        if (interval.isZero()) {
            return null;
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("grat-retention").daemon(true).factory());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                // A task that throws is never run again: log, and try at the next tick.
                LOG.log(System.Logger.Level.WARNING, "the retention job failed; retrying in " + interval, e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return scheduler;
    }

    /** What a decision may know about the visitor: their profile only with personalization consent. */
    private VisitorSignals.Visit decisionSignals(String visitorId, Instant now) {
        PersonalView visitor = levels.view(visitorId, now);
        return new VisitorSignals.Visit(consents.stateOf(visitorId).allowsStoringEvents(), visitor.profile(),
                visitor.level());
    }

    /**
     * Without configured keys pseudonyms hold for this engine's life only: fine for tests, wrong for a store that
     * outlives the process (a returning customer would not be recognised), hence the warning.
     */
    private static PseudonymKeys ephemeralKeys() {
        LOG.log(System.Logger.Level.WARNING, "no pseudonym keys configured: customer ids are pseudonymised with a key"
                + " that lasts until the engine closes; configure Grat.builder().pseudonymKeys(...) to keep them stable");
        return PseudonymKeys.generate("tmp", new SecureRandom());
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
        // Customer ids are pseudonymised before anything keeps them (store, identity graph, profiles, decisions).
        return ingestor.track(customerIds.pseudonymise(events, profiles.identities()::knows), context);
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

    /**
     * The receipt of the visitor's current consent (what was agreed and refused, when, the notice text, the ledger
     * entry's sequence and hash); empty when the visitor never answered.
     */
    public Optional<ConsentReceipt> consentReceipt(String visitorId) {
        return consents.receipt(visitorId);
    }

    /** Recomputes the consent ledger's hash chain and reports the first break, if any. */
    public LedgerVerification verifyConsentLedger() {
        return consents.verify();
    }

    /**
     * Records the visitor's objection to profiling (GDPR art. 21), or lifts it: while it stands, recommendations,
     * navigation, content and decisions are not personalized and the learned model leaves the visitor out.
     */
    public ConsentRecord setObjection(String visitorId, boolean active, String source) {
        return consents.setObjection(visitorId, active, source);
    }

    /**
     * Restricts processing of the visitor's data (GDPR art. 18), or lifts the restriction: while it stands, their
     * stored data is kept but not used and their new events are kept only as anonymous counts.
     */
    public ConsentRecord setRestriction(String visitorId, boolean active, String source) {
        return consents.setRestriction(visitorId, active, source);
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

    /**
     * Records what the visitor declares about themselves (liked and disliked categories, liked brands, sizes),
     * replacing their previous declaration whole: this is also how a declaration is corrected (GDPR art. 16), and
     * the old one is not kept. Recommendations and navigation use it while the visitor's privacy level is first
     * party or cross-channel; erasure, withdrawing personalization and retention remove it.
     *
     * @param source who declares: {@code visitor}, {@code support}, or the caller's own name
     * @throws InvalidInputException naming {@code visitorId} when the visitor has not granted personalization (a
     *                               declaration is kept only with it), or the field of the preferences at fault
     */
    public Declaration declarePreferences(String visitorId, DeclaredPreferences preferences, String source) {
        return declared.declare(visitorId, preferences, source);
    }

    /** The visitor's declared preferences, if they declared any (also while they are not used, e.g. restricted). */
    public Optional<Declaration> declaredPreferences(String visitorId) {
        List<FieldError> errors = new ArrayList<>();
        Identifiers.check(visitorId, "visitorId", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return declared.of(visitorId);
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
        if (levels.forget(visitorId)) {
            receipt = withPlace(receipt, "session profile (in memory)");
        }
        if (receipt.events() == 0) {
            return receipt;
        }
        models.forget();
        List<String> places = new ArrayList<>(receipt.removedFrom());
        places.add("learned model (retrained without the visitor within 15 seconds when background training is on)");
        return new ErasureReceipt(receipt.visitorId(), receipt.erasedAt(), receipt.events(), receipt.consentEntries(),
                receipt.identityLinks(), places);
    }

    private static ErasureReceipt withPlace(ErasureReceipt receipt, String place) {
        List<String> places = new ArrayList<>(receipt.removedFrom());
        places.add(place);
        return new ErasureReceipt(receipt.visitorId(), receipt.erasedAt(), receipt.events(), receipt.consentEntries(),
                receipt.identityLinks(), places);
    }

    /**
     * Erases a known customer: every visitor id linked to the customer id (their browsers, app installs and
     * newsletter address), one receipt each. Empty when no visitor id is linked (Grat keeps a customer id only
     * with personalization consent, and then always with its link). {@code customerId} is the shop's customer id
     * or e-mail address, or its pseudonym as an export shows it.
     *
     * @throws InvalidInputException naming {@code customerId} when it is neither a valid id nor an e-mail address
     */
    public List<ErasureReceipt> eraseCustomer(String customerId) {
        // Every stored form: the pseudonym under each key of the ring (records of older keys too), or the pseudonym
        // itself as an export shows it.
        return customerIds.forLookup(customerId, "customerId").stream()
                .flatMap(form -> store.identities().linksOfCustomer(form).stream()).map(IdentityLink::visitorId)
                .distinct().map(this::erase).toList();
    }

    /**
     * The pseudonym Grat keeps for a customer id (or e-mail address): what events, identity links and exports show
     * in its place.
     *
     * @throws InvalidInputException naming {@code customerId} when it is neither a valid id nor an e-mail address
     */
    public String pseudonymOf(String customerId) {
        return customerIds.forWriting(customerId, profiles.identities()::knows).orElseThrow(() ->
                new InvalidInputException("customerId", "must be a customer id (letters, digits and . _ - :) or an"
                        + " e-mail address"));
    }

    /** The visitor's privacy level now (from their consent and identity links), as every decision uses it. */
    public PrivacyLevel privacyLevel(String visitorId) {
        return levels.levelOf(visitorId);
    }

    /**
     * How many linked customers carry a pseudonym of each key of the ring, and under {@code "other"} how many carry
     * anything else (customer ids stored before pseudonymisation, or pseudonyms of a key no longer in the ring). A
     * key may be retired from the configuration when its count is zero.
     */
    public Map<String, Long> pseudonymKeyUsage() {
        Map<String, Long> usage = new java.util.LinkedHashMap<>();
        for (PseudonymKey key : customerIds.keys().all()) {
            usage.put(key.id(), profiles.identities().countCustomers(id -> id.startsWith("p." + key.id() + ".")));
        }
        usage.put("other", profiles.identities().countCustomers(id -> !customerIds.isPseudonym(id)));
        return usage;
    }

    /**
     * Removes every record older than its {@link RetentionPeriods retention period} as of the engine's clock: from the
     * store (and its files), popularity, profiles, co-occurrence, the decision log, registered hooks (the server's
     * audit log), and schedules a retraining of the learned model without the expired events. The engine also runs
     * it in the background ({@link Builder#retentionEvery}).
     */
    public RetentionReport runRetention() {
        return retention.run();
    }

    /**
     * Events and request bodies an adapter refused, kept for listing and replay (the server's
     * {@code /v1/dead-letters}); erased with their visitor by {@link #erase}.
     */
    public DeadLetterStore deadLetters() {
        return store.deadLetters();
    }

    /** The engine's clock: what validation, retention and the adapters' records of the engine count time by. */
    public Clock clock() {
        return clock;
    }

    /** The retention periods in force. */
    public RetentionPeriods retentionPeriods() {
        return retention.periods();
    }

    /** Lets records kept outside the engine (e.g. the server's audit log) expire with every retention run. */
    public void addRetentionHook(RetentionHook hook) {
        retention.addHook(hook);
    }

    /** The data policy in force: what Grat may keep, what for, on which legal basis and for how long. */
    public DataPolicy policy() {
        return policy;
    }

    /**
     * The record of processing (GDPR art. 30): every category of the data policy with how many subjects and
     * records Grat holds in it now.
     */
    public TransparencyReport transparencyReport() {
        return transparency.report(policy);
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

    /** Cluster mode: another node's retention run removed these from the shared store; memory follows. */
    private void forgetExpired(List<Event> events, List<AnonymousTally> tallies) {
        retention.forgetExpired(events, tallies);
    }

    /** Cluster mode: applies what other nodes did to this engine's memory (see {@link ClusterLink}). */
    public Replica replica() {
        return replica;
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
        if (retentionScheduler != null) {
            // A run in progress finishes its store transaction: no interrupt, and the store closes after it.
            retentionScheduler.shutdown();
        }
        try {
            settler.awaitTermination(30, TimeUnit.SECONDS);
            if (retentionScheduler != null) {
                retentionScheduler.awaitTermination(60, TimeUnit.SECONDS);
            }
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
        private ClusterLink cluster = ClusterLink.NONE;
        private PseudonymKeys pseudonymKeys;
        private SessionSettings sessionSettings = SessionSettings.defaults();
        private DataPolicy policy = DataPolicy.defaultPolicy();
        /** Null: the periods of the data policy. */
        private RetentionPeriods retentionPeriods;
        private Duration retentionEvery = Duration.ofHours(1);

        private Builder() {
        }

        /** How long each kind of record is kept (default: the periods of the data policy, {@link RetentionPeriods#from}). */
        public Builder retention(RetentionPeriods periods) {
            this.retentionPeriods = Objects.requireNonNull(periods, "periods");
            return this;
        }

        /**
         * How often the retention job runs in the background (default: every hour); zero runs it only on request
         * ({@link Grat#runRetention()}).
         */
        public Builder retentionEvery(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("retentionEvery must not be negative, was " + interval);
            }
            this.retentionEvery = interval;
            return this;
        }

        /**
         * The data policy (default: {@link DataPolicy#defaultPolicy()}, which declares everything Grat keeps). Of
         * each event Grat stores only the fields a category covering its type declares for a granted purpose.
         */
        public Builder policy(DataPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
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

        /**
         * The keys customer ids are pseudonymised with (HMAC-SHA-256), the current one first; older keys are only
         * read, so that records written with them are still found. Default: a random key for this engine's life
         * only (a warning is logged), which suits tests, not a store that outlives the process.
         */
        public Builder pseudonymKeys(PseudonymKeys keys) {
            this.pseudonymKeys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /** Idle timeout and capacity of the in-memory sessions of session-only visitors (default: 30 min, 100,000). */
        public Builder sessions(SessionSettings sessions) {
            this.sessionSettings = Objects.requireNonNull(sessions, "sessions");
            return this;
        }

        /** Cluster mode: how this node tells the others about consent changes and whether it trains (default: alone). */
        public Builder cluster(ClusterLink cluster) {
            this.cluster = Objects.requireNonNull(cluster, "cluster");
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
