package dev.grat.decide.bandit;

/**
 * One candidate in a decision's ranking.
 *
 * @param probability the probability that the policy chooses this candidate in this decision
 * @param score       the policy's score (estimate, optimistic estimate or posterior mean of the reward)
 */
public record RankedAction(String actionId, double probability, double score) {
}
