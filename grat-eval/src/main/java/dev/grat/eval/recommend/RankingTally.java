package dev.grat.eval.recommend;

import dev.grat.recommend.model.IdIndex;

import java.util.Set;

/**
 * Adds up the ranking metrics of {@link Metrics} over users, one top-k list at a time: binary relevance, NDCG with
 * a log2 discount over min(held-out, k) ideal hits, MAP@k over min(held-out, k), catalogue coverage over the
 * model's items. Not thread-safe: one per evaluation.
 */
public final class RankingTally {

    private static final double LN2 = Math.log(2);

    private final int k;
    private final IdIndex items;
    private final boolean[] recommended;
    private double precision;
    private double recall;
    private double ndcg;
    private double map;
    private int hitUsers;
    private int users;

    /** A tally of top-{@code k} lists of indices into {@code items}. */
    public RankingTally(int k, IdIndex items) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        this.k = k;
        this.items = items;
        this.recommended = new boolean[items.size()];
    }

    /** Adds one user's list (item indices, best first, at most k) against their non-empty held-out item ids. */
    public void add(int[] top, Set<String> relevant) {
        if (relevant.isEmpty()) {
            throw new IllegalArgumentException("a user is evaluated only with at least one held-out item");
        }
        int hits = 0;
        double dcg = 0;
        double precisionSum = 0;
        for (int rank = 0; rank < Math.min(top.length, k); rank++) {
            recommended[top[rank]] = true;
            if (relevant.contains(items.id(top[rank]))) {
                hits++;
                dcg += 1 / log2(rank + 2);
                precisionSum += (double) hits / (rank + 1);
            }
        }
        int ideal = Math.min(relevant.size(), k);
        double idcg = 0;
        for (int rank = 0; rank < ideal; rank++) {
            idcg += 1 / log2(rank + 2);
        }
        precision += (double) hits / k;
        recall += (double) hits / relevant.size();
        ndcg += dcg / idcg;
        map += precisionSum / ideal;
        hitUsers += hits > 0 ? 1 : 0;
        users++;
    }

    /** The averages over the users added so far; {@code scoreSeconds} is reported as given. */
    public Metrics metrics(double scoreSeconds) {
        int distinct = 0;
        for (boolean item : recommended) {
            distinct += item ? 1 : 0;
        }
        double n = Math.max(1, users);
        return new Metrics(k, users, precision / n, recall / n, ndcg / n, map / n, hitUsers / n,
                items.size() == 0 ? 0 : (double) distinct / items.size(), scoreSeconds);
    }

    private static double log2(double x) {
        return Math.log(x) / LN2;
    }
}
