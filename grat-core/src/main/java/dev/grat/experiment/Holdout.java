package dev.grat.experiment;

/**
 * The global holdout: a fixed share of visitors that gets no personalization on any slot, so that the lift of
 * personalization itself is always measured. Membership depends on the visitor id and this salt only, so it is
 * the same for every slot and experiment.
 *
 * @param salt  the salt of the holdout split (change it to draw a new holdout)
 * @param share the share of visitors held out, 0 to 0.5
 */
public record Holdout(String salt, double share) {

    /** The name the holdout group has in experiment results. */
    public static final String GROUP = "holdout";

    public Holdout {
        if (salt == null || salt.isEmpty()) {
            throw new IllegalArgumentException("holdout salt is required");
        }
        if (!(share >= 0 && share <= 0.5)) {
            throw new IllegalArgumentException("holdout share must be 0 to 0.5, was " + share);
        }
    }

    /** Whether the visitor is held out. */
    public boolean contains(String visitorId) {
        return share > 0 && Bucketing.unit(salt, visitorId) < share;
    }
}
