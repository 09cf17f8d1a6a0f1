package dev.grat.recommend.model;

/**
 * Hyperparameters of item-based nearest neighbours.
 *
 * @param neighbors most similar items kept per item (default 100)
 * @param shrinkage added to the cosine's denominator, so that pairs seen together by few visitors count less
 *                  (default 10)
 * @param threads   worker threads for training (default: available processors)
 */
public record ItemKnnParams(int neighbors, double shrinkage, int threads) {

    public ItemKnnParams {
        if (neighbors < 1) {
            throw new IllegalArgumentException("neighbors must be at least 1, was " + neighbors);
        }
        if (!(shrinkage >= 0) || !Double.isFinite(shrinkage)) {
            throw new IllegalArgumentException("shrinkage must be >= 0 and finite, was " + shrinkage);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
    }

    public static ItemKnnParams defaults() {
        return new ItemKnnParams(100, 10, Runtime.getRuntime().availableProcessors());
    }

    public String describe() {
        return "neighbors=" + neighbors + " shrinkage=" + shrinkage;
    }
}
