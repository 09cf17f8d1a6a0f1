package dev.grat.recommend;

/** A recommended product with its score and a reason a visitor can read. */
public record ScoredItem(String id, double score, String reason) {
}
