package dev.grat.cluster;

import dev.grat.consent.ConsentState;

/**
 * The engine's side of cluster mode: what it tells the other nodes, and when it may train. Events, erasures and
 * catalog changes reach the cluster through the store (a cluster adapter wraps the {@link dev.grat.store.Store});
 * consent changes through {@link #consentRecorded}. Changes made elsewhere come back in through {@link Replica}.
 * The default, {@link #NONE}, is a single node.
 */
public interface ClusterLink {

    /** A single node: nothing to tell, and it trains its own models. */
    ClusterLink NONE = new ClusterLink() {
    };

    /**
     * A consent change was recorded on this node (it is in the ledger already); never called for a change that
     * another node made and {@link Replica#applyConsent} applied here.
     */
    default void consentRecorded(ConsentState after) {
    }

    /** Whether this node trains the learned model in the background now (in a cluster, only the leader does). */
    default boolean trainsModels() {
        return true;
    }
}
