package dev.grat.recommend.model;

import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Trains implicit ALS (see {@link AlsParams} for the loss) with conjugate-gradient row solves on several threads.
 * Factors are row-major float arrays; the dense loops are {@link FactorKernels} (the Vector API when the JVM has
 * it).
 */
public final class AlsTrainer implements Trainer {

    private static final int ROWS_PER_CHUNK = 64;
    private static final double INIT_STDDEV = 0.1;

    private final AlsParams params;

    /** Empty: chosen per training by its size (see {@link FactorKernels#forCalls}). */
    private final Optional<FactorKernels> kernels;

    public AlsTrainer(AlsParams params) {
        this.params = params;
        this.kernels = Optional.empty();
    }

    /** With these kernels whatever the size, for tests. */
    AlsTrainer(AlsParams params, FactorKernels kernels) {
        this.params = params;
        this.kernels = Optional.of(kernels);
    }

    @Override
    public String kind() {
        return AlsModel.KIND;
    }

    @Override
    public String describe() {
        return params.describe();
    }

    @Override
    public AlsModel train(Interactions data) {
        return fit(data).model();
    }

    /** Trains and also returns the training users' factors (which the model itself does not keep). */
    public Fit fit(Interactions data) {
        int k = params.factors();
        SplittableRandom random = new SplittableRandom(params.seed());
        float[] users = initial(data.userCount(), k, random);
        float[] items = initial(data.itemCount(), k, random);
        FactorKernels chosen = kernels.orElseGet(() -> FactorKernels.forCalls(
                (long) (data.userCount() + data.itemCount()) * params.iterations() * (params.cgSteps() + 1)));
        try (Parallel parallel = new Parallel(params.threads())) {
            for (int iteration = 0; iteration < params.iterations(); iteration++) {
                solveSide(users, items, data.userStart(), data.userItems(), data.userValues(), data.userCount(),
                        data.itemCount(), parallel, chosen);
                solveSide(items, users, data.itemStart(), data.itemUsers(), data.itemValues(), data.itemCount(),
                        data.userCount(), parallel, chosen);
            }
        }
        return new Fit(new AlsModel(data.items(), params, items), users);
    }

    private void solveSide(float[] target, float[] fixed, int[] start, int[] columns, float[] values, int rows,
                           int otherSide, Parallel parallel, FactorKernels kernels) {
        int k = params.factors();
        float[] gramian = ConjugateGradient.gramian(fixed, otherSide, k, parallel, kernels);
        ConjugateGradient.RowSystem system = ConjugateGradient.RowSystem.of(params);
        parallel.forEachChunk(Parallel.chunks(rows, ROWS_PER_CHUNK), chunk -> {
            ConjugateGradient solver = new ConjugateGradient(k, kernels);
            int end = Math.min(rows, (chunk + 1) * ROWS_PER_CHUNK);
            for (int row = chunk * ROWS_PER_CHUNK; row < end; row++) {
                int from = start[row];
                int to = start[row + 1];
                float lambda = (float) params.rowRegularization(to - from, otherSide);
                solver.solveRow(target, row, fixed, columns, values, from, to, gramian, system, lambda);
            }
        });
    }

    private static float[] initial(int rows, int k, SplittableRandom random) {
        float[] factors = new float[rows * k];
        double stddev = INIT_STDDEV / Math.sqrt(k);
        for (int i = 0; i < factors.length; i++) {
            factors[i] = (float) (random.nextGaussian() * stddev);
        }
        return factors;
    }

    /**
     * A trained model and the factors of the training users, row-major (user index times factors).
     * The user factors are for evaluation and tests; serving folds visitors in from their history.
     */
    public record Fit(AlsModel model, float[] userFactors) {
    }
}
