package dev.grat.decide.bandit;

/**
 * The quadratic forms {@code xᵢᵀ M xᵢ} of a batch of dense vectors with one symmetric matrix: LinUCB's confidence
 * widths, 50 of them of dimension 128 per decision. Two implementations: {@link VectorQuadraticForms} with the
 * Vector API ({@code jdk.incubator.vector}), used when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the {@code grat} launcher does that), and
 * {@link ScalarQuadraticForms} in plain Java, so that the engine also runs without the incubator module (the same
 * arrangement as ALS's {@code FactorKernels}). They agree up to rounding; each gives a vector the same value
 * whatever the other vectors of its batch and wherever it stands in it, so exact ties stay ties and a decision is
 * reproducible. Implementations are stateless and thread-safe.
 */
interface QuadraticForms {

    /**
     * {@code out[i] = rows[i]ᵀ M rows[i]} for i below count.
     *
     * @param matrix    the symmetric d-by-d matrix, row by row
     * @param dimension d
     * @param rows      the vectors, each of length d (only the first {@code count} are read)
     */
    void compute(double[] matrix, int dimension, double[][] rows, int count, double[] out);

    /** The Vector API implementation when the JVM has the incubator module, else the plain Java one. */
    static QuadraticForms fastest() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? VectorQuadraticForms.INSTANCE
                : ScalarQuadraticForms.INSTANCE;
    }
}
