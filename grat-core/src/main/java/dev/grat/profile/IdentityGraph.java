package dev.grat.profile;

import dev.grat.store.IdentityLink;
import dev.grat.store.IdentityStore;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Which visitor ids belong to the same known customer, so that a customer is recognised across devices.
 *
 * <p>A link lives for the identity-links retention period from when it was made; the retention job removes it then
 * ({@link #forget(IdentityLink)}), and the customer's next event links the device again. A link whose time is
 * already past the period is not made at all: replaying a purchase of 500 days ago at start-up must not bring back a
 * link that retention removed.
 */
public final class IdentityGraph {

    private final IdentityStore store;
    private final Supplier<Instant> linkCutoff;
    private final Map<String, Set<String>> visitorsOfCustomer = new ConcurrentHashMap<>();
    private final Map<String, String> customerOfVisitor = new ConcurrentHashMap<>();

    /**
     * @param linkCutoff links made before this instant have expired (now minus the identity-links retention period)
     */
    public IdentityGraph(IdentityStore store, Supplier<Instant> linkCutoff) {
        this.store = store;
        this.linkCutoff = linkCutoff;
        Instant cutoff = linkCutoff.get();
        store.forEach(link -> {
            if (!link.linkedAt().isBefore(cutoff)) {
                remember(link);
            }
        });
    }

    /** Links the visitor id to the customer; call only with the visitor's personalization consent. */
    public void link(String customerId, String visitorId, Instant at) {
        if (customerId.equals(customerOfVisitor.get(visitorId)) || at.isBefore(linkCutoff.get())) {
            return;
        }
        IdentityLink link = new IdentityLink(customerId, visitorId, at);
        store.link(link);
        remember(link);
    }

    public String customerOf(String visitorId) {
        return customerOfVisitor.get(visitorId);
    }

    /** Whether any visitor id is linked to the customer id. */
    public boolean knows(String customerId) {
        return visitorsOfCustomer.containsKey(customerId);
    }

    /** How many linked customer ids match (e.g. the pseudonyms made with one key, before retiring it). */
    public long countCustomers(java.util.function.Predicate<String> which) {
        return visitorsOfCustomer.keySet().stream().filter(which).count();
    }

    /** The visitor ids of the visitor's customer, the visitor itself included. */
    public Set<String> siblingsOf(String visitorId) {
        String customer = customerOfVisitor.get(visitorId);
        if (customer == null) {
            return Set.of(visitorId);
        }
        Set<String> siblings = ConcurrentHashMap.newKeySet();
        siblings.addAll(visitorsOfCustomer.getOrDefault(customer, Set.of()));
        siblings.add(visitorId);
        return siblings;
    }

    /** Forgets the visitor id's link in memory (the store forgets it by erasure). */
    public void forget(String visitorId) {
        String customer = customerOfVisitor.remove(visitorId);
        if (customer != null) {
            visitorsOfCustomer.computeIfPresent(customer, (c, visitors) -> {
                visitors.remove(visitorId);
                return visitors.isEmpty() ? null : visitors;
            });
        }
    }

    /**
     * Forgets one expired link in memory: the visitor's current link, only if it is still this one (a newer link to
     * another customer stays).
     */
    public void forget(IdentityLink link) {
        if (customerOfVisitor.remove(link.visitorId(), link.customerId())) {
            visitorsOfCustomer.computeIfPresent(link.customerId(), (c, visitors) -> {
                visitors.remove(link.visitorId());
                return visitors.isEmpty() ? null : visitors;
            });
        }
    }

    private void remember(IdentityLink link) {
        String previous = customerOfVisitor.put(link.visitorId(), link.customerId());
        if (previous != null && !previous.equals(link.customerId())) {
            visitorsOfCustomer.computeIfPresent(previous, (c, visitors) -> {
                visitors.remove(link.visitorId());
                return visitors.isEmpty() ? null : visitors;
            });
        }
        visitorsOfCustomer.computeIfAbsent(link.customerId(), c -> ConcurrentHashMap.newKeySet()).add(link.visitorId());
    }
}
