package dev.grat.decide.bandit;

/** Dense Cholesky factorization of symmetric positive definite matrices stored row by row. */
final class Cholesky {

    private Cholesky() {
    }

    /** The lower factor L with {@code L Lᵀ = a}; fails when {@code a} is not positive definite. */
    static double[] factor(double[] a, int d) {
        double[] lower = new double[d * d];
        for (int j = 0; j < d; j++) {
            double diagonal = a[j * d + j];
            for (int k = 0; k < j; k++) {
                diagonal -= lower[j * d + k] * lower[j * d + k];
            }
            if (!(diagonal > 0)) {
                throw new IllegalStateException("matrix is not positive definite at row " + j);
            }
            double ljj = Math.sqrt(diagonal);
            lower[j * d + j] = ljj;
            for (int i = j + 1; i < d; i++) {
                double sum = a[i * d + j];
                for (int k = 0; k < j; k++) {
                    sum -= lower[i * d + k] * lower[j * d + k];
                }
                lower[i * d + j] = sum / ljj;
            }
        }
        return lower;
    }

    /** The inverse of a lower triangular matrix, itself lower triangular. */
    static double[] invertLower(double[] lower, int d) {
        double[] inverse = new double[d * d];
        for (int j = 0; j < d; j++) {
            inverse[j * d + j] = 1 / lower[j * d + j];
            for (int i = j + 1; i < d; i++) {
                double sum = 0;
                for (int k = j; k < i; k++) {
                    sum -= lower[i * d + k] * inverse[k * d + j];
                }
                inverse[i * d + j] = sum / lower[i * d + i];
            }
        }
        return inverse;
    }
}
