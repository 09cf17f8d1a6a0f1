package dev.grat.experiment;

/** A point estimate with a confidence interval. */
public record Estimate(double value, double low, double high) {
}
