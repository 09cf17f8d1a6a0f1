package dev.grat.recommend.model;

/**
 * Approximately solves one row of ALS, {@code (alpha0 G + sum_j (c_j - alpha0) y_j y_j' + lambda I) x = sum_j c_j y_j},
 * by a few conjugate-gradient steps warm-started from the row's current value (Takacs et al. 2011). The matrix
 * is never formed: each product with it costs O(k^2 + n k). One instance per worker thread (scratch space).
 */
final class ConjugateGradient {

    private static final double CONVERGED = 1e-20;

    private final int k;
    private final double[] residual;
    private final double[] direction;
    private final double[] product;

    ConjugateGradient(int k) {
        this.k = k;
        this.residual = new double[k];
        this.direction = new double[k];
        this.product = new double[k];
    }

    /**
     * Improves {@code target[row]} in place, given the fixed side's factors, the row's observations
     * {@code columns[from..to)} with strengths {@code values}, and the fixed side's Gramian.
     */
    void solveRow(double[] target, int row, double[] fixed, int[] columns, float[] values, int from, int to,
                  double[] gramian, AlsParams params, double lambda, int steps) {
        int offset = row * k;
        double alpha0 = params.unobservedWeight();
        // residual = b - A x
        multiply(gramian, target, offset, alpha0, lambda, product);
        for (int i = 0; i < k; i++) {
            residual[i] = -product[i];
        }
        for (int p = from; p < to; p++) {
            int other = columns[p] * k;
            double confidence = 1 + params.alpha() * values[p];
            double predicted = dot(fixed, other, target, offset, k);
            double scale = confidence - (confidence - alpha0) * predicted;
            for (int i = 0; i < k; i++) {
                residual[i] += scale * fixed[other + i];
            }
        }
        double rs = dot(residual, residual);
        if (rs < CONVERGED) {
            return;
        }
        System.arraycopy(residual, 0, direction, 0, k);
        for (int step = 0; step < steps; step++) {
            multiply(gramian, direction, 0, alpha0, lambda, product);
            for (int p = from; p < to; p++) {
                int other = columns[p] * k;
                double confidence = 1 + params.alpha() * values[p];
                double projected = dot(fixed, other, direction, 0, k);
                double scale = (confidence - alpha0) * projected;
                for (int i = 0; i < k; i++) {
                    product[i] += scale * fixed[other + i];
                }
            }
            double stepSize = rs / dot(direction, product);
            for (int i = 0; i < k; i++) {
                target[offset + i] += stepSize * direction[i];
                residual[i] -= stepSize * product[i];
            }
            double next = dot(residual, residual);
            if (next < CONVERGED) {
                return;
            }
            double ratio = next / rs;
            for (int i = 0; i < k; i++) {
                direction[i] = residual[i] + ratio * direction[i];
            }
            rs = next;
        }
    }

    /**
     * out = alpha0 * G v + lambda * v, for v at {@code vector[offset..offset+k)}. G is symmetric, so G v is a sum
     * of G's rows scaled by v: an axpy loop, which the JIT vectorises (a dot-product reduction it would not).
     */
    private void multiply(double[] gramian, double[] vector, int offset, double alpha0, double lambda, double[] out) {
        for (int i = 0; i < k; i++) {
            out[i] = lambda * vector[offset + i];
        }
        for (int j = 0; j < k; j++) {
            double scale = alpha0 * vector[offset + j];
            int rowJ = j * k;
            for (int i = 0; i < k; i++) {
                out[i] += scale * gramian[rowJ + i];
            }
        }
    }

    /** a[aOffset..+k) . b[bOffset..+k) with four independent sums, so the adds overlap. */
    static double dot(double[] a, int aOffset, double[] b, int bOffset, int k) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < k; i += 4) {
            s0 += a[aOffset + i] * b[bOffset + i];
            s1 += a[aOffset + i + 1] * b[bOffset + i + 1];
            s2 += a[aOffset + i + 2] * b[bOffset + i + 2];
            s3 += a[aOffset + i + 3] * b[bOffset + i + 3];
        }
        for (; i < k; i++) {
            s0 += a[aOffset + i] * b[bOffset + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private double dot(double[] a, double[] b) {
        return dot(a, 0, b, 0, k);
    }

    /** G = F' F over {@code rows} rows of k factors, in fixed-size chunks summed in order (deterministic). */
    static double[] gramian(double[] factors, int rows, int k, Parallel parallel) {
        int chunkSize = 2048;
        int chunks = Parallel.chunks(rows, chunkSize);
        double[][] partial = new double[chunks][];
        parallel.forEachChunk(chunks, chunk -> {
            double[] g = new double[k * k];
            int end = Math.min(rows, (chunk + 1) * chunkSize);
            for (int r = chunk * chunkSize; r < end; r++) {
                int offset = r * k;
                for (int a = 0; a < k; a++) {
                    double fa = factors[offset + a];
                    int rowA = a * k;
                    for (int b = a; b < k; b++) {
                        g[rowA + b] += fa * factors[offset + b];
                    }
                }
            }
            partial[chunk] = g;
        });
        double[] gram = new double[k * k];
        for (double[] g : partial) {
            for (int i = 0; i < gram.length; i++) {
                gram[i] += g[i];
            }
        }
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < a; b++) {
                gram[a * k + b] = gram[b * k + a];
            }
        }
        return gram;
    }
}
