package dev.grat.recommend.model;

/**
 * The dense float loops of ALS training, on row-major factor arrays: dot products, axpy, the product with a
 * symmetric k-by-k matrix and the Gramian's rank-one updates. Two implementations compute the same values up to
 * float rounding: {@link VectorKernels} with the Vector API ({@code jdk.incubator.vector}), used when the JVM was
 * started with {@code --add-modules jdk.incubator.vector} (the {@code grat} launcher does that), and
 * {@link ScalarKernels} in plain Java, so that the engine also runs in a JVM started without the incubator module.
 * Implementations are stateless and thread-safe.
 */
interface FactorKernels {

    /** {@code a[ao..ao+n) . b[bo..bo+n)}. */
    float dot(float[] a, int ao, float[] b, int bo, int n);

    /** {@code y[yo..yo+n) += s * x[xo..xo+n)}. */
    void axpy(float s, float[] x, int xo, float[] y, int yo, int n);

    /**
     * {@code out[0..k) = scale * G v + shift * v} for a symmetric k-by-k {@code g} (row-major) and
     * {@code v = vector[offset..offset+k)}.
     */
    void symmetricProduct(float[] g, float[] vector, int offset, float scale, float shift, float[] out, int k);

    /** {@code g += sum over rows r in [from, to) of f_r f_r'}, for row-major k-wide rows of {@code factors}. */
    void addOuterProducts(float[] factors, int from, int to, int k, float[] g);

    /**
     * The sparse part of a row system's product: {@code out[0..k) += sum over p in [from, to) of
     * (constant * c_p + slope * (c_p - alpha0) * (y_p . x)) y_p}, where {@code y_p} is row {@code columns[p]} of
     * {@code fixed}, {@code c_p = 1 + alpha * values[p]} and {@code x = vector[offset..offset+k)}. With constant 1 and
     * slope -1 it is the right-hand side minus the observed part of A x; with 0 and 1, the observed part of A x.
     */
    default void addObservedProduct(float[] fixed, int[] columns, float[] values, int from, int to, Confidence weights,
                                    float[] vector, int offset, float[] out, int k) {
        for (int p = from; p < to; p++) {
            int row = columns[p] * k;
            float confidence = 1 + weights.alpha() * values[p];
            float projected = dot(fixed, row, vector, offset, k);
            axpy(weights.constant() * confidence + weights.slope() * (confidence - weights.alpha0()) * projected,
                    fixed, row, out, 0, k);
        }
    }

    /**
     * The confidence weights of {@link #addObservedProduct}.
     *
     * @param alpha    confidence per unit of strength
     * @param alpha0   weight of every unobserved pair
     * @param constant weight of the confidence itself (1 for a residual, 0 for a product)
     * @param slope    weight of the projection (-1 for a residual, 1 for a product)
     */
    record Confidence(float alpha, float alpha0, float constant, float slope) {
    }

    /**
     * Kernel calls below which a job uses the plain Java kernels even when the Vector API is there: until C2 has
     * compiled them, Vector API calls run interpreted, far slower than plain loops, and a small job (a demo shop's
     * first model: 24 users, 5 items) is over before that (3.7 s cold instead of 0.5 s, measured).
     */
    long VECTOR_MIN_CALLS = 200_000;

    /** The Vector API kernels when the JVM has the incubator module, else the plain Java ones. */
    static FactorKernels fastest() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? VectorKernels.INSTANCE
                : ScalarKernels.INSTANCE;
    }

    /** The kernels for a job of about this many kernel calls: {@link #fastest()} for large jobs, else plain Java. */
    static FactorKernels forCalls(long calls) {
        return calls >= VECTOR_MIN_CALLS ? fastest() : ScalarKernels.INSTANCE;
    }
}
