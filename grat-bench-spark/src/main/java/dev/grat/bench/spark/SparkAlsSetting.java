package dev.grat.bench.spark;

import java.util.Locale;

/**
 * Hyperparameters of one Spark MLlib ALS training ({@code implicitPrefs=true}).
 *
 * @param rank       factors
 * @param iterations maxIter (each one solves users, then items)
 * @param regParam   lambda; Spark scales it by each row's number of interactions
 * @param alpha      confidence per unit of strength: c = 1 + alpha * r
 * @param seed       seed of the initial factors
 * @param blocks     numUserBlocks and numItemBlocks; 0 keeps Spark's default (10)
 */
public record SparkAlsSetting(int rank, int iterations, double regParam, double alpha, long seed, int blocks) {

    public SparkAlsSetting {
        if (rank < 1 || iterations < 1 || blocks < 0) {
            throw new IllegalArgumentException("rank and iterations must be positive and blocks not negative, were "
                    + rank + ", " + iterations + ", " + blocks);
        }
        if (!(regParam >= 0) || !(alpha >= 0) || !Double.isFinite(regParam) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("regParam and alpha must be finite and not negative, were " + regParam
                    + " and " + alpha);
        }
    }

    /** Short form for reports, in Spark's parameter names. */
    public String describe() {
        return String.format(Locale.ROOT, "rank=%d maxIter=%d regParam=%s alpha=%s seed=%d blocks=%s", rank,
                iterations, regParam, alpha, seed, blocks == 0 ? "default" : Integer.toString(blocks));
    }
}
