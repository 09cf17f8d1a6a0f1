package dev.grat.experiment;

/**
 * One arm of an experiment.
 *
 * @param name   unique within the experiment; "holdout" is reserved for the global holdout group
 * @param weight relative share of the experiment's (non-holdout) visitors, positive
 */
public record Variant(String name, double weight) {
}
