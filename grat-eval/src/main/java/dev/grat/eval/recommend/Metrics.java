package dev.grat.eval.recommend;

/**
 * Ranking quality at k, averaged over evaluated users.
 *
 * @param k            list length
 * @param users        users evaluated
 * @param precision    hits / k
 * @param recall       hits / held-out items
 * @param ndcg         DCG of the hits / DCG of a perfect list (binary relevance, log2 discount)
 * @param map          average precision at k, over min(held-out items, k)
 * @param hitRate      share of users with at least one hit
 * @param coverage     distinct recommended items / items the model knows
 * @param scoreSeconds wall time to score and rank all evaluated users on one thread
 */
public record Metrics(int k, int users, double precision, double recall, double ndcg, double map, double hitRate,
               double coverage, double scoreSeconds) {
}
