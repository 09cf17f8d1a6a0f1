package dev.grat.recommend.model;

/** Solves small dense symmetric positive-definite systems in place, for fold-in in the request path. */
final class Cholesky {

    private Cholesky() {
    }

    /**
     * Solves {@code a x = b} for a k-by-k symmetric positive-definite {@code a} (row-major, only the lower
     * triangle is read and it is overwritten by the factor); {@code b} is overwritten by x.
     */
    static void solveInPlace(double[] a, double[] b, int k) {
        for (int j = 0; j < k; j++) {
            int rowJ = j * k;
            double diagonal = a[rowJ + j];
            for (int p = 0; p < j; p++) {
                diagonal -= a[rowJ + p] * a[rowJ + p];
            }
            if (!(diagonal > 0)) {
                throw new IllegalStateException("matrix is not positive definite at column " + j);
            }
            double pivot = Math.sqrt(diagonal);
            a[rowJ + j] = pivot;
            for (int i = j + 1; i < k; i++) {
                int rowI = i * k;
                double sum = a[rowI + j];
                for (int p = 0; p < j; p++) {
                    sum -= a[rowI + p] * a[rowJ + p];
                }
                a[rowI + j] = sum / pivot;
            }
        }
        for (int i = 0; i < k; i++) {
            double sum = b[i];
            for (int p = 0; p < i; p++) {
                sum -= a[i * k + p] * b[p];
            }
            b[i] = sum / a[i * k + i];
        }
        for (int i = k - 1; i >= 0; i--) {
            double sum = b[i];
            for (int p = i + 1; p < k; p++) {
                sum -= a[p * k + i] * b[p];
            }
            b[i] = sum / a[i * k + i];
        }
    }
}
