package dev.grat.recommend.model;

import java.util.SplittableRandom;

/** Trains implicit ALS (see {@link AlsParams} for the loss) with conjugate-gradient row solves on several threads. */
public final class AlsTrainer implements Trainer {

    private static final int ROWS_PER_CHUNK = 64;
    private static final double INIT_STDDEV = 0.1;

    private final AlsParams params;

    public AlsTrainer(AlsParams params) {
        this.params = params;
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
        double[] users = initial(data.userCount(), k, random);
        double[] items = initial(data.itemCount(), k, random);
        try (Parallel parallel = new Parallel(params.threads())) {
            for (int iteration = 0; iteration < params.iterations(); iteration++) {
                solveSide(users, items, data.userStart(), data.userItems(), data.userValues(), data.userCount(),
                        data.itemCount(), parallel);
                solveSide(items, users, data.itemStart(), data.itemUsers(), data.itemValues(), data.itemCount(),
                        data.userCount(), parallel);
            }
        }
        return new Fit(new AlsModel(data.items(), params, toFloats(items)), toFloats(users));
    }

    private void solveSide(double[] target, double[] fixed, int[] start, int[] columns, float[] values, int rows,
                           int otherSide, Parallel parallel) {
        int k = params.factors();
        double[] gramian = ConjugateGradient.gramian(fixed, otherSide, k, parallel);
        parallel.forEachChunk(Parallel.chunks(rows, ROWS_PER_CHUNK), chunk -> {
            ConjugateGradient solver = new ConjugateGradient(k);
            int end = Math.min(rows, (chunk + 1) * ROWS_PER_CHUNK);
            for (int row = chunk * ROWS_PER_CHUNK; row < end; row++) {
                int from = start[row];
                int to = start[row + 1];
                double lambda = params.rowRegularization(to - from, otherSide);
                solver.solveRow(target, row, fixed, columns, values, from, to, gramian, params, lambda, params.cgSteps());
            }
        });
    }

    private static double[] initial(int rows, int k, SplittableRandom random) {
        double[] factors = new double[rows * k];
        double stddev = INIT_STDDEV / Math.sqrt(k);
        for (int i = 0; i < factors.length; i++) {
            factors[i] = random.nextGaussian() * stddev;
        }
        return factors;
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }

    /**
     * A trained model and the factors of the training users, row-major (user index times factors).
     * The user factors are for evaluation and tests; serving folds visitors in from their history.
     */
    public record Fit(AlsModel model, float[] userFactors) {
    }
}
