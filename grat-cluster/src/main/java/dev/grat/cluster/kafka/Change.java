package dev.grat.cluster.kafka;

import dev.grat.catalog.Item;
import dev.grat.consent.ConsentState;
import dev.grat.event.Event;
import dev.grat.store.AnonymousTally;
import dev.grat.store.IdentityLink;

import java.util.List;

/** One change a node made to the shared store, as it travels through the outbox and Kafka. */
sealed interface Change {

    /** The Kafka record key: the visitor id where there is one, so that one visitor's changes stay in order. */
    String key();

    /** The events of one visitor (or anonymous events, {@code visitorId} null) that one commit stored. */
    record Events(String visitorId, List<Event> personal, List<Event> anonymous) implements Change {
        public Events {
            personal = List.copyOf(personal);
            anonymous = List.copyOf(anonymous);
        }

        @Override
        public String key() {
            return visitorId != null ? visitorId : anonymous.isEmpty() ? "anonymous" : "anonymous:" + anonymous.getFirst().id();
        }
    }

    /** A consent state recorded in the ledger. */
    record Consent(ConsentState state) implements Change {
        @Override
        public String key() {
            return state.visitorId();
        }
    }

    /**
     * An erasure: {@code events} are the visitor's erased events without identifiers (type, item, time), so that
     * every node takes exactly them out of its popularity counts; {@code erasureId} makes applying it idempotent.
     */
    record Erasure(String erasureId, String visitorId, List<Event> events) implements Change {
        public Erasure {
            events = List.copyOf(events);
        }

        @Override
        public String key() {
            return visitorId;
        }
    }

    /**
     * Personal events of one visitor that a retention run removed from the store (whole, as stored: every node
     * takes exactly them out of its counts and rebuilds the visitor's profile). Keyed by visitor, so that it stays
     * in order with the visitor's events.
     */
    record ExpiredEvents(String visitorId, List<Event> events) implements Change {
        public ExpiredEvents {
            events = List.copyOf(events);
        }

        @Override
        public String key() {
            return visitorId;
        }
    }

    /** Anonymous tallies that a retention run removed; {@code changeId} makes applying them idempotent. */
    record ExpiredTallies(String changeId, List<AnonymousTally> tallies) implements Change {
        public ExpiredTallies {
            tallies = List.copyOf(tallies);
        }

        @Override
        public String key() {
            return "retention:" + changeId;
        }
    }

    /** Catalog items stored; all catalog changes share one key, so they are applied in the order they were made. */
    record Items(List<Item> items) implements Change {
        public Items {
            items = List.copyOf(items);
        }

        @Override
        public String key() {
            return "catalog";
        }
    }

    /**
     * The visitor's declared preferences changed in the store (declared, rectified, withdrawn or expired). It carries
     * no preferences: every node reads what the store holds when it applies the change, so that the nodes converge on
     * the store whatever order two changes of one visitor arrive in.
     */
    record DeclarationChanged(String visitorId) implements Change {
        @Override
        public String key() {
            return visitorId;
        }
    }

    /** Identity links that a retention run removed; every node stops treating those devices as one customer. */
    record ExpiredLinks(String changeId, List<IdentityLink> links) implements Change {
        public ExpiredLinks {
            links = List.copyOf(links);
        }

        @Override
        public String key() {
            return "retention:" + changeId;
        }
    }
}
