package dev.grat;

import dev.grat.catalog.Catalog;
import dev.grat.catalog.Item;
import dev.grat.consent.ConsentBook;
import dev.grat.consent.ConsentChange;
import dev.grat.consent.ConsentRecord;
import dev.grat.decide.ContentDecision;
import dev.grat.decide.ContentService;
import dev.grat.decide.ContentVariant;
import dev.grat.decide.Navigation;
import dev.grat.decide.NavigationService;
import dev.grat.event.Event;
import dev.grat.event.EventIngestor;
import dev.grat.event.IngestResult;
import dev.grat.event.TrackContext;
import dev.grat.privacy.ErasureReceipt;
import dev.grat.privacy.PrivacyService;
import dev.grat.privacy.SubjectExport;
import dev.grat.profile.IdentityGraph;
import dev.grat.profile.ProfileBook;
import dev.grat.consent.Purpose;
import dev.grat.recommend.CoOccurrence;
import dev.grat.recommend.ModelRepository;
import dev.grat.recommend.ModelService;
import dev.grat.recommend.ModelSettings;
import dev.grat.recommend.model.EventWeights;
import dev.grat.recommend.Popularity;
import dev.grat.recommend.RecommendationRequest;
import dev.grat.recommend.RecommendationService;
import dev.grat.recommend.Recommendations;
import dev.grat.store.Store;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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

    private final Store store;
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

    private Grat(Builder builder) {
        this.store = builder.store;
        this.settings = builder.settings;
        Clock clock = builder.clock;
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
        this.privacy = new PrivacyService(store, consents, profiles, popularity, coOccurrence, clock);
        consents.onChange(ingestor::onConsentChanged);
        consents.onChange((before, after) -> {
            if (before.allows(Purpose.PERSONALIZATION) && !after.allows(Purpose.PERSONALIZATION)) {
                models.forget();
            }
        });
        ingestor.onPersonalEvents(models::dataChanged);
        ingestor.replay();
        models.start();
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
        return navigation.navigationFor(visitorId);
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
        return content.decide(visitorId, slot);
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
        List<String> places = new java.util.ArrayList<>(receipt.removedFrom());
        places.add("learned model (retrained without the visitor within 15 seconds when background training is on)");
        return new ErasureReceipt(receipt.visitorId(), receipt.erasedAt(), receipt.events(), receipt.consentEntries(),
                receipt.identityLinks(), places);
    }

    /** Trains the learned model now on the consented stored events and puts it in use. */
    public ModelService.TrainingReport trainModel() {
        return models.train();
    }

    /** The report of the last training since start-up, if any. */
    public Optional<ModelService.TrainingReport> lastTraining() {
        return models.lastReport();
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

    /** Stops background training and closes the store. */
    @Override
    public void close() {
        models.close();
        store.close();
    }

    /** Builds a {@link Grat}. */
    public static final class Builder {
        private Store store;
        private EngineSettings settings = EngineSettings.defaults();
        private Clock clock = Clock.systemUTC();
        private ModelSettings modelSettings = ModelSettings.onDemand();
        private ModelRepository modelRepository = ModelRepository.inMemoryOnly();

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

        public Grat build() {
            if (store == null) {
                throw new IllegalStateException("a store is required: call store(...) before build()");
            }
            return new Grat(this);
        }
    }
}
