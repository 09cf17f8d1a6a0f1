package dev.grat.decide.bandit;

/**
 * The kinds of information a decision's features come from. Every decision records the groups it used, so that
 * a shop (and a visitor's data export) can see what a choice was based on.
 */
public enum FeatureGroup {
    /** Channel, device class, time of day and the shop's own request fields; used for every visitor. */
    REQUEST_CONTEXT("request_context"),
    /** Decayed interest in categories and brands; only with personalization consent. */
    AFFINITIES("affinities"),
    /** How long ago the visitor was last seen; only with personalization consent. */
    RECENCY("recency"),
    /** How many events and purchases the visitor has; only with personalization consent. */
    FREQUENCY("frequency"),
    /** The band of the visitor's average purchase price; only with personalization consent. */
    VALUE_BAND("value_band");

    private final String wireName;

    FeatureGroup(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether this group comes from the visitor's profile (and so needs personalization consent). */
    public boolean isPersonal() {
        return this != REQUEST_CONTEXT;
    }
}
