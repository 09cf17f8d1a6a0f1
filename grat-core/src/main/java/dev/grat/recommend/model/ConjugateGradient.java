package dev.grat.recommend.model;

/**
 * Approximately solves one row of ALS, {@code (alpha0 G + sum_j (c_j - alpha0) y_j y_j' + lambda I) x = sum_j c_j y_j},
 * by a few conjugate-gradient steps warm-started from the row's current value (Takacs et al. 2011). The matrix
 * is never formed: each product with it is the Gramian's product plus a sparse sum over the row's observations,
 * O(k^2 + n k). Single precision: the factors are floats, and three CG steps from a warm start are far coarser
 * than float rounding. One instance per worker thread (scratch space).
 */
final class ConjugateGradient {

    private static final float CONVERGED = 1e-20f;

    private final int k;
    private final FactorKernels kernels;
    private final float[] residual;
    private final float[] direction;
    private final float[] product;

    ConjugateGradient(int k, FactorKernels kernels) {
        this.k = k;
        this.kernels = kernels;
        this.residual = new float[k];
        this.direction = new float[k];
        this.product = new float[k];
    }

    /**
     * Improves {@code target[row]} in place, given the fixed side's factors, the row's observations
     * {@code columns[from..to)} with strengths {@code values}, and the fixed side's Gramian.
     */
    void solveRow(float[] target, int row, float[] fixed, int[] columns, float[] values, int from, int to,
                  float[] gramian, RowSystem system, float lambda) {
        int offset = row * k;
        float alpha0 = system.alpha0();
        // residual = b - A x = -(alpha0 G + lambda I) x + sum_j (c_j - (c_j - alpha0) y_j.x) y_j
        kernels.symmetricProduct(gramian, target, offset, -alpha0, -lambda, residual, k);
        kernels.addObservedProduct(fixed, columns, values, from, to, system.residual(), target, offset, residual, k);
        float rs = kernels.dot(residual, 0, residual, 0, k);
        if (rs < CONVERGED) {
            return;
        }
        System.arraycopy(residual, 0, direction, 0, k);
        for (int step = 0; step < system.steps(); step++) {
            kernels.symmetricProduct(gramian, direction, 0, alpha0, lambda, product, k);
            kernels.addObservedProduct(fixed, columns, values, from, to, system.product(), direction, 0, product, k);
            float stepSize = rs / kernels.dot(direction, 0, product, 0, k);
            kernels.axpy(stepSize, direction, 0, target, offset, k);
            kernels.axpy(-stepSize, product, 0, residual, 0, k);
            float next = kernels.dot(residual, 0, residual, 0, k);
            if (next < CONVERGED) {
                return;
            }
            float ratio = next / rs;
            for (int i = 0; i < k; i++) {
                direction[i] = residual[i] + ratio * direction[i];
            }
            rs = next;
        }
    }

    /**
     * The constants of every row system of a sweep.
     *
     * @param residual the weights of the observed part of b - A x
     * @param product  the weights of the observed part of A d
     * @param steps    CG steps per row
     */
    record RowSystem(FactorKernels.Confidence residual, FactorKernels.Confidence product, int steps) {

        static RowSystem of(AlsParams params) {
            float alpha = (float) params.alpha();
            float alpha0 = (float) params.unobservedWeight();
            return new RowSystem(new FactorKernels.Confidence(alpha, alpha0, 1, -1),
                    new FactorKernels.Confidence(alpha, alpha0, 0, 1), params.cgSteps());
        }

        float alpha0() {
            return residual.alpha0();
        }
    }

    /**
     * G = F' F over {@code rows} rows of k factors: float sums over fixed-size chunks of rows, added in chunk
     * order in double (so the result does not depend on the number of threads).
     */
    static float[] gramian(float[] factors, int rows, int k, Parallel parallel, FactorKernels kernels) {
        int chunkSize = 1024;
        int chunks = Parallel.chunks(rows, chunkSize);
        float[][] partial = new float[chunks][];
        parallel.forEachChunk(chunks, chunk -> {
            float[] g = new float[k * k];
            kernels.addOuterProducts(factors, chunk * chunkSize, Math.min(rows, (chunk + 1) * chunkSize), k, g);
            partial[chunk] = g;
        });
        double[] sum = new double[k * k];
        for (float[] g : partial) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += g[i];
            }
        }
        float[] gram = new float[k * k];
        for (int i = 0; i < gram.length; i++) {
            gram[i] = (float) sum[i];
        }
        return gram;
    }
}
