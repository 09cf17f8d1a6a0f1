package dev.grat.recommend.model;

/**
 * Hyperparameters of EASE.
 *
 * @param regularization lambda, added to the diagonal of the item Gram matrix (default 200)
 * @param threads        worker threads for building the Gram matrix and for the inversion (default: available
 *                       processors)
 */
public record EaseParams(double regularization, int threads) {

    public EaseParams {
        if (!(regularization > 0) || !Double.isFinite(regularization)) {
            throw new IllegalArgumentException("regularization must be positive and finite, was " + regularization);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
    }

    public static EaseParams defaults() {
        return new EaseParams(200, Runtime.getRuntime().availableProcessors());
    }

    public String describe() {
        return "lambda=" + regularization;
    }
}
