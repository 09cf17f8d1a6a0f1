package dev.grat.decide;

/** One category of the shop's navigation, with its score and the reason for its place. */
public record NavigationEntry(String category, double score, String reason) {
}
