package dev.grat.eval.bandit;

import java.nio.file.Path;

/**
 * Options of the Open Bandit Dataset evaluation.
 *
 * @param trainShare the first share of the random log (in time order) the Grat policies train on (default 0.5)
 * @param resamples  bootstrap resamples per interval (default 1000)
 * @param level      coverage of the intervals (default 0.95)
 * @param seed       seed of every random choice (default 1)
 * @param dimension  feature dimension of Grat's policies (default 128)
 * @param btsPrior   optional CSV {@code item_id,alpha,beta} of the production BTS prior, to replay BTS as the
 *                   Open Bandit Pipeline does; null to use the BTS log's own action frequencies
 * @param priorDraws Monte Carlo draws of that replay (default 100000, as in the pipeline)
 */
public record ObdOptions(double trainShare, int resamples, double level, long seed, int dimension, Path btsPrior,
                         int priorDraws) {

    public ObdOptions {
        if (!(trainShare > 0 && trainShare < 1)) {
            throw new IllegalArgumentException("--train-share must be between 0 and 1, was " + trainShare);
        }
        if (resamples < 100) {
            throw new IllegalArgumentException("--bootstrap must be at least 100, was " + resamples);
        }
        if (dimension < 2 || dimension > 1024) {
            throw new IllegalArgumentException("--dimension must be 2 to 1024, was " + dimension);
        }
    }

    public static ObdOptions defaults() {
        return new ObdOptions(0.5, 1000, 0.95, 1, 128, null, 100_000);
    }
}
