package dev.grat.eval.bandit;

/** A policy to evaluate off-line: its probability of each candidate in a logged round. */
public interface TargetPolicy {

    String name();

    /** The probability of each candidate of the round (sums to 1). */
    double[] distribution(BanditRound round);
}
