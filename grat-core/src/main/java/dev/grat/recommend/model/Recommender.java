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

    /**
     * The best {@code count} items for the visitor with their scores, best first (ties to the lower index), leaving
     * out NaN scores and the items {@code skip} accepts: the same as {@link TopK#select} over {@link #scores}, which
     * is what this default does. Models that can rule items out without scoring them override it.
     */
    default TopK.Picks best(UserHistory history, int count, IntPredicate skip) {
        float[] scores = scores(history);
        TopK top = new TopK(Math.min(count, scores.length));
        for (int item = 0; item < scores.length; item++) {
            if (!skip.test(item)) {
                top.offer(item, scores[item]);
            }
        }
        return top.result();
    }

    /** The best {@code count} items for the visitor, best first, leaving out their history and {@code excluded}. */
    default int[] recommend(UserHistory history, int count, IntPredicate excluded) {
        boolean[] seen = new boolean[itemCount()];
        for (int i = 0; i < history.size(); i++) {
            if (history.item(i) < seen.length) {
                seen[history.item(i)] = true;
            }
        }
        return best(history, count, item -> seen[item] || excluded.test(item)).items();
    }
}
