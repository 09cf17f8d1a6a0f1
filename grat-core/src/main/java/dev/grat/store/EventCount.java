package dev.grat.store;

/**
 * How many stored personal events there are of some types, and of how many visitors (the transparency report).
 *
 * @param records  the events
 * @param subjects the distinct visitor ids among them
 */
public record EventCount(long records, long subjects) {
}
