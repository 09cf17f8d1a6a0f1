package dev.grat.profile;

import dev.grat.store.IdentityLink;
import dev.grat.store.IdentityStore;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Which visitor ids belong to the same known customer, so that a customer is recognised across devices. */
public final class IdentityGraph {

    private final IdentityStore store;
    private final Map<String, Set<String>> visitorsOfCustomer = new ConcurrentHashMap<>();
    private final Map<String, String> customerOfVisitor = new ConcurrentHashMap<>();

    public IdentityGraph(IdentityStore store) {
        this.store = store;
        store.forEach(this::remember);
    }

    /** Links the visitor id to the customer; call only with the visitor's personalization consent. */
    public void link(String customerId, String visitorId, Instant at) {
        if (customerId.equals(customerOfVisitor.get(visitorId))) {
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
