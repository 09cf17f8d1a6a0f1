package dev.grat.recommend.model;

import java.util.function.IntPredicate;

/**
 * Scores every item of a model for one visitor. Implementations are immutable and thread-safe, so one
 * instance serves all requests; a retrained model replaces it as a whole.
 */
public interface Recommender {

    /** The items this model scores; score arrays are indexed by it. */
    IdIndex items();

    default int itemCount() {
        return items().size();
    }

    /**
     * A score for every item for a visitor with this history; higher is better. Scores compare within one
     * call only. Items of the history are not removed (see {@link #recommend}).
     */
    float[] scores(UserHistory history);

    /** Scores of every item as "similar to this one" (item-to-item); the item itself may score high. */
    default float[] similarTo(int item) {
        return scores(UserHistory.of(item));
    }

    /** The best {@code count} items for the visitor, best first, leaving out their history and {@code excluded}. */
    default int[] recommend(UserHistory history, int count, IntPredicate excluded) {
        boolean[] seen = new boolean[itemCount()];
        for (int i = 0; i < history.size(); i++) {
            if (history.item(i) < seen.length) {
                seen[history.item(i)] = true;
            }
        }
        return TopK.select(scores(history), count, item -> seen[item] || excluded.test(item));
    }
}
