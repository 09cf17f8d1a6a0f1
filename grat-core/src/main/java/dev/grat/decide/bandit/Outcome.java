package dev.grat.decide.bandit;

import java.time.Instant;

/**
 * What followed a decision within its attribution window.
 *
 * @param reward      the sum of the rewards (explicit ones and those of attributed events)
 * @param clicks      attributed click events
 * @param conversions attributed purchases
 * @param revenue     the value of those purchases
 * @param settledAt   when the window closed and the policy learned from the decision; null while open
 */
public record Outcome(double reward, int clicks, int conversions, double revenue, Instant settledAt) {

    /** Nothing yet. */
    public static Outcome none() {
        return new Outcome(0, 0, 0, 0, null);
    }

    public boolean settled() {
        return settledAt != null;
    }

    public Outcome plusReward(double value) {
        return new Outcome(reward + value, clicks, conversions, revenue, settledAt);
    }

    public Outcome plusClick(double value) {
        return new Outcome(reward + value, clicks + 1, conversions, revenue, settledAt);
    }

    public Outcome plusConversion(double value, double purchaseValue) {
        return new Outcome(reward + value, clicks, conversions + 1, revenue + purchaseValue, settledAt);
    }

    public Outcome settledAt(Instant at) {
        return new Outcome(reward, clicks, conversions, revenue, at);
    }
}
