package dev.grat.decide.bandit;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A policy instance as the decision service runs it. The instance learns from exactly: every decision with its
 * key settled while it existed, and, when warm-started, every decision of its slot settled by the time of the
 * warm start. That rule is what lets an erasure take back exactly a visitor's contributions.
 */
final class ManagedPolicy {

    private final String key;
    private final Policy policy;
    private final Instant createdAt;
    private volatile Instant warmStartedAt;
    private final AtomicLong unsaved = new AtomicLong();

    ManagedPolicy(String key, Policy policy, Instant createdAt, Instant warmStartedAt) {
        this.key = key;
        this.policy = policy;
        this.createdAt = createdAt;
        this.warmStartedAt = warmStartedAt;
    }

    String key() {
        return key;
    }

    Policy policy() {
        return policy;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant warmStartedAt() {
        return warmStartedAt;
    }

    void markWarmStarted(Instant at) {
        warmStartedAt = at;
    }

    /** Whether this instance learned from the (settled) decision. */
    boolean learnedFrom(DecisionRecord record, String slot) {
        Instant settled = record.outcome().settledAt();
        if (settled == null) {
            return false;
        }
        boolean online = record.policyKey().equals(key) && !settled.isBefore(createdAt);
        boolean warm = warmStartedAt != null && record.slot().equals(slot) && !settled.isAfter(warmStartedAt);
        return online || warm;
    }

    /** Counts an update; true when it is time to save. */
    boolean countUpdate(int checkpointEvery) {
        return unsaved.incrementAndGet() >= checkpointEvery;
    }

    void markSaved() {
        unsaved.set(0);
    }
}
