package dev.grat.decide.bandit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where decisions are kept: the storage port of the decision service. An adapter must keep each record whole
 * (the candidates and probabilities are what off-policy evaluation needs) and make {@link #append} durable
 * before returning. {@link InMemoryDecisionLog} is the reference implementation.
 */
public interface DecisionLog {

    /** Adds a new decision. */
    void append(DecisionRecord record);

    /** The decision with this id. */
    Optional<DecisionRecord> find(String decisionId);

    /** Replaces the outcome of a logged decision (rewards arrive, the window closes). */
    void updateOutcome(String decisionId, Outcome outcome);

    /** Decisions whose outcome is not settled yet, oldest first (reloaded at start-up). */
    List<DecisionRecord> unsettled();

    /** Every decision of a slot, oldest first. */
    List<DecisionRecord> ofSlot(String slot);

    /** Every decision made under an experiment (its variants and the holdout), oldest first. */
    List<DecisionRecord> ofExperiment(String experimentId);

    /** Every decision kept with this visitor id, oldest first (the visitor's data export). */
    List<DecisionRecord> ofVisitor(String visitorId);

    /** Removes every decision of the visitor and returns what was removed (erasure). */
    List<DecisionRecord> eraseVisitor(String visitorId);

    /**
     * Retention: removes every settled decision made before {@code cutoff} and returns how many. Unsettled ones
     * stay until their attribution window closes, so that no open decision loses its record.
     */
    int eraseBefore(Instant cutoff);

    /**
     * Replaces the outcomes of several logged decisions (settling many windows at once). An adapter should write
     * them together, so that settling a backlog costs one durable write, not one per decision.
     */
    default void updateOutcomes(Map<String, Outcome> outcomes) {
        outcomes.forEach(this::updateOutcome);
    }

    /**
     * Calls {@code action} for every decision of a slot, oldest first. A durable log should read them one by one:
     * a slot's history need not fit in memory (warm start reads it whole).
     */
    default void forEachOfSlot(String slot, Consumer<DecisionRecord> action) {
        ofSlot(slot).forEach(action);
    }

    /** Calls {@code action} for every unsettled decision, oldest first (start-up), like {@link #forEachOfSlot}. */
    default void forEachUnsettled(Consumer<DecisionRecord> action) {
        unsettled().forEach(action);
    }

    /**
     * Calls {@code action} with the group, visitor and outcome of every decision of an experiment, oldest first:
     * all that its results count. A durable log can read these without the candidates.
     */
    default void forEachExposure(String experimentId, Consumer<Exposure> action) {
        ofExperiment(experimentId).forEach(record -> action.accept(Exposure.of(record)));
    }

    /**
     * One decision of an experiment as its results see it.
     *
     * @param group     the variant, or {@code holdout}
     * @param visitorId the visitor, or null when their id was not kept
     */
    record Exposure(String group, String visitorId, Outcome outcome) {

        public static Exposure of(DecisionRecord record) {
            return new Exposure(record.variant(), record.visitorId(), record.outcome());
        }
    }
}
