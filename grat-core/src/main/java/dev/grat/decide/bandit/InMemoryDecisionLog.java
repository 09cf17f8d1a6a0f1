package dev.grat.decide.bandit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/** A {@link DecisionLog} in memory, for tests and for running without a store. Thread-safe. */
public final class InMemoryDecisionLog implements DecisionLog {

    private final Map<String, DecisionRecord> records = new LinkedHashMap<>();

    @Override
    public synchronized void append(DecisionRecord record) {
        if (records.putIfAbsent(record.id(), record) != null) {
            throw new IllegalArgumentException("decision " + record.id() + " is logged already");
        }
    }

    @Override
    public synchronized Optional<DecisionRecord> find(String decisionId) {
        return Optional.ofNullable(records.get(decisionId));
    }

    @Override
    public synchronized void updateOutcome(String decisionId, Outcome outcome) {
        records.computeIfPresent(decisionId, (id, record) -> record.withOutcome(outcome));
    }

    @Override
    public List<DecisionRecord> unsettled() {
        return select(record -> !record.outcome().settled());
    }

    @Override
    public List<DecisionRecord> ofSlot(String slot) {
        return select(record -> record.slot().equals(slot));
    }

    @Override
    public List<DecisionRecord> ofExperiment(String experimentId) {
        return select(record -> experimentId.equals(record.experimentId()));
    }

    @Override
    public List<DecisionRecord> ofVisitor(String visitorId) {
        return select(record -> Objects.equals(record.visitorId(), visitorId));
    }

    @Override
    public synchronized List<DecisionRecord> eraseVisitor(String visitorId) {
        List<DecisionRecord> removed = new ArrayList<>();
        records.values().removeIf(record -> {
            boolean match = Objects.equals(record.visitorId(), visitorId);
            if (match) {
                removed.add(record);
            }
            return match;
        });
        return removed;
    }

    @Override
    public synchronized int eraseBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        int before = records.size();
        records.values().removeIf(record -> record.outcome().settled() && record.decidedAt().isBefore(cutoff));
        return before - records.size();
    }

    /** How many decisions are kept. */
    public synchronized int size() {
        return records.size();
    }

    private synchronized List<DecisionRecord> select(Predicate<DecisionRecord> filter) {
        return records.values().stream().filter(filter).toList();
    }
}
