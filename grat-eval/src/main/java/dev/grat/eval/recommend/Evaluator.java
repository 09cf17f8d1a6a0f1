package dev.grat.eval.recommend;

import dev.grat.recommend.model.Interactions;
import dev.grat.recommend.model.Recommender;

import java.util.Map;
import java.util.Set;

/**
 * Full-ranking evaluation: every item the model knows is ranked for each user, their training items removed,
 * and the top k compared with their held-out items. No sampled negatives.
 */
public final class Evaluator {

    private Evaluator() {
    }

    /**
     * Ranks every item of {@code model} for each user of {@code test}, from and without their row of {@code train}
     * (the matrix {@code test} was made against), and measures the top k against their held-out items.
     */
    public static Metrics evaluate(Recommender model, Interactions train, TestSet test, int k) {
        RankingTally tally = new RankingTally(k, model.items());
        long started = System.nanoTime();
        for (Map.Entry<Integer, Set<String>> entry : test.relevant().entrySet()) {
            tally.add(model.recommend(train.historyOf(entry.getKey()), k, item -> false), entry.getValue());
        }
        return tally.metrics((System.nanoTime() - started) / 1e9);
    }
}
