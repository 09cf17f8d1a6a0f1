package dev.grat.decide.bandit;

import java.util.List;
import java.util.Optional;

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
}
