package dev.grat.eval.recommend;

import dev.grat.recommend.model.Interactions;
import dev.grat.recommend.model.Recommender;
import dev.grat.recommend.model.UserHistory;

import java.util.Map;
import java.util.Set;

/**
 * Full-ranking evaluation: every item the model knows is ranked for each user, their training items removed,
 * and the top k compared with their held-out items. No sampled negatives.
 */
final class Evaluator {

    private Evaluator() {
    }

    static Metrics evaluate(Recommender model, Interactions train, TestSet test, int k) {
        double precision = 0;
        double recall = 0;
        double ndcg = 0;
        double map = 0;
        int hitUsers = 0;
        boolean[] recommended = new boolean[model.itemCount()];
        long started = System.nanoTime();
        for (Map.Entry<Integer, Set<String>> entry : test.relevant().entrySet()) {
            UserHistory history = train.historyOf(entry.getKey());
            int[] top = model.recommend(history, k, item -> false);
            Set<String> relevant = entry.getValue();
            int hits = 0;
            double dcg = 0;
            double precisionSum = 0;
            for (int rank = 0; rank < top.length; rank++) {
                recommended[top[rank]] = true;
                if (relevant.contains(model.items().id(top[rank]))) {
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
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int users = test.users();
        int distinct = 0;
        for (boolean item : recommended) {
            distinct += item ? 1 : 0;
        }
        double n = Math.max(1, users);
        return new Metrics(k, users, precision / n, recall / n, ndcg / n, map / n, hitUsers / n,
                model.itemCount() == 0 ? 0 : (double) distinct / model.itemCount(), seconds);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
