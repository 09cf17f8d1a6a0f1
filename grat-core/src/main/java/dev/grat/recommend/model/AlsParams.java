package dev.grat.recommend.model;

/**
 * Hyperparameters of implicit ALS. The loss is Hu, Koren and Volinsky's weighted least squares with the
 * tuning of Rendle et al. 2022 ("Revisiting the Performance of iALS on Item Recommendation Benchmarks"):
 * <pre>
 *   sum over observed (u,i) of c_ui (1 - x_u.y_i)^2  +  alpha0 * sum over unobserved (u,i) of (x_u.y_i)^2
 *   + lambda * sum_u (n_u + alpha0 * items)^nu |x_u|^2  +  lambda * sum_i (n_i + alpha0 * users)^nu |y_i|^2
 * </pre>
 * with confidence {@code c_ui = 1 + alpha * r_ui} for interaction strength r. The unobserved term is computed
 * with the Gramian trick (never touching the unobserved pairs); each row is solved by a few warm-started
 * conjugate-gradient steps.
 *
 * @param factors          latent dimensions (default 64)
 * @param iterations       alternating sweeps over users and items (default 15)
 * @param regularization   lambda (default 0.03)
 * @param alpha            confidence per unit of interaction strength (default 1)
 * @param unobservedWeight alpha0, the weight of every unobserved pair (default 0.1)
 * @param frequencyScaling nu: 0 is plain L2, 1 scales each row's regularisation by its count as Rendle et al. (default 1)
 * @param cgSteps          conjugate-gradient steps per row and sweep (default 3)
 * @param seed             seed of the random initial factors (default 42)
 * @param threads          worker threads for training (default: available processors)
 */
public record AlsParams(int factors, int iterations, double regularization, double alpha, double unobservedWeight,
                        double frequencyScaling, int cgSteps, long seed, int threads) {

    public AlsParams {
        require(factors >= 1 && factors <= 1024, "factors must be between 1 and 1024, was " + factors);
        require(iterations >= 1, "iterations must be at least 1, was " + iterations);
        require(regularization > 0 && Double.isFinite(regularization),
                "regularization must be positive and finite, was " + regularization);
        require(alpha >= 0 && Double.isFinite(alpha), "alpha must be >= 0 and finite, was " + alpha);
        require(unobservedWeight > 0 && Double.isFinite(unobservedWeight),
                "unobservedWeight must be positive and finite, was " + unobservedWeight);
        require(frequencyScaling >= 0 && frequencyScaling <= 2,
                "frequencyScaling must be between 0 and 2, was " + frequencyScaling);
        require(cgSteps >= 1, "cgSteps must be at least 1, was " + cgSteps);
        require(threads >= 1, "threads must be at least 1, was " + threads);
    }

    public static AlsParams defaults() {
        return new AlsParams(64, 15, 0.03, 1, 0.1, 1, 3, 42, Runtime.getRuntime().availableProcessors());
    }

    public AlsParams withFactors(int value) {
        return new AlsParams(value, iterations, regularization, alpha, unobservedWeight, frequencyScaling, cgSteps, seed, threads);
    }

    public AlsParams withIterations(int value) {
        return new AlsParams(factors, value, regularization, alpha, unobservedWeight, frequencyScaling, cgSteps, seed, threads);
    }

    public AlsParams withRegularization(double value) {
        return new AlsParams(factors, iterations, value, alpha, unobservedWeight, frequencyScaling, cgSteps, seed, threads);
    }

    public AlsParams withAlpha(double value) {
        return new AlsParams(factors, iterations, regularization, value, unobservedWeight, frequencyScaling, cgSteps, seed, threads);
    }

    public AlsParams withUnobservedWeight(double value) {
        return new AlsParams(factors, iterations, regularization, alpha, value, frequencyScaling, cgSteps, seed, threads);
    }

    public AlsParams withFrequencyScaling(double value) {
        return new AlsParams(factors, iterations, regularization, alpha, unobservedWeight, value, cgSteps, seed, threads);
    }

    public AlsParams withCgSteps(int value) {
        return new AlsParams(factors, iterations, regularization, alpha, unobservedWeight, frequencyScaling, value, seed, threads);
    }

    public AlsParams withSeed(long value) {
        return new AlsParams(factors, iterations, regularization, alpha, unobservedWeight, frequencyScaling, cgSteps, value, threads);
    }

    public AlsParams withThreads(int value) {
        return new AlsParams(factors, iterations, regularization, alpha, unobservedWeight, frequencyScaling, cgSteps, seed, value);
    }

    /** The regularisation of a row with {@code count} observations against {@code otherSide} columns. */
    double rowRegularization(int count, int otherSide) {
        double scale = frequencyScaling == 0 ? 1 : Math.pow(count + unobservedWeight * otherSide, frequencyScaling);
        return regularization * scale;
    }

    /** Short form for reports. */
    public String describe() {
        return "factors=" + factors + " iterations=" + iterations + " lambda=" + regularization + " alpha=" + alpha
                + " alpha0=" + unobservedWeight + " nu=" + frequencyScaling + " cgSteps=" + cgSteps + " seed=" + seed;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
