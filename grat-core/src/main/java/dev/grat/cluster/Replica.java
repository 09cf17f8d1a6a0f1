package dev.grat.cluster;

import dev.grat.catalog.Catalog;
import dev.grat.catalog.Item;
import dev.grat.consent.ConsentBook;
import dev.grat.consent.ConsentState;
import dev.grat.declared.DeclaredBook;
import dev.grat.event.Event;
import dev.grat.event.EventIngestor;
import dev.grat.privacy.PrivacyService;
import dev.grat.profile.IdentityGraph;
import dev.grat.recommend.ModelService;
import dev.grat.recommend.model.TrainedModel;
import dev.grat.store.AnonymousTally;
import dev.grat.store.IdentityLink;

import java.util.List;
import java.util.Objects;

/**
 * Applies what another node of the cluster did (and already wrote to the shared store) to this node's memory
 * only: profiles, popularity, co-occurrence, the consent book, the catalog, the learned model. Nothing here
 * writes to the store. Applying the same events twice counts them twice: the cluster adapter filters by event id.
 */
public final class Replica {

    private final EventIngestor ingestor;
    private final ConsentBook consents;
    private final Catalog catalog;
    private final PrivacyService privacy;
    private final ModelService models;
    private final Expiry expiry;
    private final DeclaredBook declared;
    private final IdentityGraph identities;
    private final ThreadLocal<Boolean> applyingConsent = ThreadLocal.withInitial(() -> Boolean.FALSE);

    /** Takes what another node's retention run removed out of this node's memory (the engine's retention job). */
    @FunctionalInterface
    public interface Expiry {
        void forgetExpired(List<Event> events, List<AnonymousTally> tallies);
    }

    public Replica(EventIngestor ingestor, ConsentBook consents, Catalog catalog, PrivacyService privacy,
                   ModelService models, Expiry expiry, DeclaredBook declared, IdentityGraph identities) {
        this.expiry = Objects.requireNonNull(expiry, "expiry");
        this.declared = Objects.requireNonNull(declared, "declared");
        this.identities = Objects.requireNonNull(identities, "identities");
        this.ingestor = ingestor;
        this.consents = consents;
        this.catalog = catalog;
        this.privacy = privacy;
        this.models = models;
    }

    /** Events another node committed, as stored (personal events whole, anonymous ones anonymized). */
    public void applyEvents(List<Event> personal, List<Event> anonymous) {
        ingestor.applyStored(List.copyOf(personal), List.copyOf(anonymous));
    }

    /**
     * A consent state another node recorded; ignored when not newer than the one here. A withdrawal drops the
     * visitor's profile here as on the node that recorded it. Returns whether it was applied.
     */
    public boolean applyConsent(ConsentState recorded) {
        Objects.requireNonNull(recorded, "recorded");
        applyingConsent.set(Boolean.TRUE);
        try {
            return consents.applyRecorded(recorded);
        } finally {
            applyingConsent.remove();
        }
    }

    /** Whether the calling thread is applying another node's consent change (so it must not be sent back out). */
    public boolean isApplyingConsent() {
        return applyingConsent.get();
    }

    /** Another node erased the visitor; {@code erasedEvents} are the events it erased (for popularity). */
    public void applyErasure(String visitorId, List<Event> erasedEvents) {
        privacy.forgetErased(Objects.requireNonNull(visitorId, "visitorId"), erasedEvents);
    }

    /**
     * Another node's retention run removed these records from the shared store: {@code events} (only those this
     * node holds) and {@code tallies} leave popularity, the events' visitors get their profiles rebuilt.
     */
    public void applyExpired(List<Event> events, List<AnonymousTally> tallies) {
        if (!events.isEmpty() || !tallies.isEmpty()) {
            expiry.forgetExpired(List.copyOf(events), List.copyOf(tallies));
        }
    }

    /** Another node changed the visitor's declared preferences in the shared store: memory takes what it holds now. */
    public void applyDeclarationChanged(String visitorId) {
        declared.reload(Objects.requireNonNull(visitorId, "visitorId"));
    }

    /** Identity links another node's retention run removed: the devices are no longer one customer here either. */
    public void applyExpiredLinks(List<IdentityLink> links) {
        links.forEach(identities::forget);
    }

    /** Catalog items another node stored. */
    public void applyItems(List<Item> items) {
        catalog.applyStored(items);
    }

    /** A model the cluster's leader trained. */
    public void useModel(TrainedModel model) {
        models.use(Objects.requireNonNull(model, "model"));
    }
}
