package dev.grat.decide.bandit;

/**
 * {@link QuadraticForms} in plain Java, one vector at a time over the upper triangle (each off-diagonal pair once),
 * with the rows of the matrix as contiguous loops of four independent sums.
 */
final class ScalarQuadraticForms implements QuadraticForms {

    static final ScalarQuadraticForms INSTANCE = new ScalarQuadraticForms();

    private ScalarQuadraticForms() {
    }

    @Override
    public void compute(double[] matrix, int dimension, double[][] rows, int count, double[] out) {
        for (int i = 0; i < count; i++) {
            out[i] = form(rows[i], matrix, dimension);
        }
    }

    /** {@code xᵀMx} for a symmetric M and a dense x of length d. */
    static double form(double[] x, double[] matrix, int d) {
        double sum = 0;
        for (int p = 0; p < d; p++) {
            int row = p * d;
            double offDiagonal = FeatureVector.dotFrom(x, p + 1, matrix, row + p + 1, d - p - 1);
            sum += x[p] * (0.5 * matrix[row + p] * x[p] + offDiagonal);
        }
        return 2 * sum;
    }
}
