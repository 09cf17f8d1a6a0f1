package dev.grat.decide.bandit;

import java.util.Arrays;

/**
 * A numeric feature vector of a fixed dimension, stored sparse (the indices of the non-zero entries in
 * ascending order and their values). Immutable: the arrays are copied in and never handed out.
 */
public final class FeatureVector {

    private final int dimension;
    private final int[] indices;
    private final double[] values;

    private FeatureVector(int dimension, int[] indices, double[] values) {
        this.dimension = dimension;
        this.indices = indices;
        this.values = values;
    }

    /** A vector from all its entries; zeros are dropped. */
    public static FeatureVector dense(double... entries) {
        int count = 0;
        for (double v : entries) {
            requireFinite(v);
            count += v == 0 ? 0 : 1;
        }
        int[] indices = new int[count];
        double[] values = new double[count];
        int k = 0;
        for (int i = 0; i < entries.length; i++) {
            if (entries[i] != 0) {
                indices[k] = i;
                values[k++] = entries[i];
            }
        }
        return new FeatureVector(entries.length, indices, values);
    }

    /**
     * The vector of an encoder's scratch array (copied), equal to {@link #dense} of it in one scan; when no entry is
     * zero, the indices are the shared {@code identity} array ({@code 0..d-1}, which nobody changes), saving an
     * allocation per candidate.
     */
    static FeatureVector ofScratch(double[] scratch, int[] identity) {
        int zeros = 0;
        for (double v : scratch) {
            requireFinite(v);
            zeros += v == 0 ? 1 : 0;
        }
        if (zeros == 0) {
            return new FeatureVector(scratch.length, identity, scratch.clone());
        }
        int[] indices = new int[scratch.length - zeros];
        double[] values = new double[indices.length];
        for (int i = 0, k = 0; i < scratch.length; i++) {
            if (scratch[i] != 0) {
                indices[k] = i;
                values[k++] = scratch[i];
            }
        }
        return new FeatureVector(scratch.length, indices, values);
    }

    /** A vector from its non-zero entries; the indices must be distinct and inside the dimension. */
    public static FeatureVector sparse(int dimension, int[] indices, double[] values) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, was " + dimension);
        }
        if (indices.length != values.length) {
            throw new IllegalArgumentException("indices and values differ in length: " + indices.length + " vs " + values.length);
        }
        double[] dense = new double[dimension];
        boolean[] seen = new boolean[dimension];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= dimension) {
                throw new IllegalArgumentException("index " + i + " is outside the dimension " + dimension);
            }
            if (seen[i]) {
                throw new IllegalArgumentException("index " + i + " is given twice");
            }
            seen[i] = true;
            requireFinite(values[k]);
            dense[i] = values[k];
        }
        return dense(dense);
    }

    public int dimension() {
        return dimension;
    }

    /** How many entries are not zero. */
    public int nonZeros() {
        return indices.length;
    }

    /** The index of the k-th non-zero entry. */
    public int indexAt(int k) {
        return indices[k];
    }

    /** The value of the k-th non-zero entry. */
    public double valueAt(int k) {
        return values[k];
    }

    /** The entry at {@code index} (zero when absent). */
    public double get(int index) {
        int k = Arrays.binarySearch(indices, index);
        return k >= 0 ? values[k] : 0;
    }

    /** All entries, zeros included. */
    public double[] toDense() {
        double[] dense = new double[dimension];
        for (int k = 0; k < indices.length; k++) {
            dense[indices[k]] = values[k];
        }
        return dense;
    }

    /** Whether every entry is non-zero (the arrays then run over all indices in order). */
    private boolean full() {
        return indices.length == dimension;
    }

    /** All entries when none is zero (the internal array: read it, never write it), else null. */
    double[] fullValues() {
        return full() ? values : null;
    }

    /** The dot product with a dense vector of the same dimension. */
    public double dot(double[] weights) {
        if (full()) {
            return dotFrom(values, 0, weights, 0, dimension);
        }
        double sum = 0;
        for (int k = 0; k < indices.length; k++) {
            sum += values[k] * weights[indices[k]];
        }
        return sum;
    }

    /**
     * {@code xᵀMx} for a symmetric dense matrix stored row by row. Uses the symmetry (each off-diagonal pair once)
     * and, for a vector without zeros, contiguous rows the JIT compiles to tight loops.
     */
    double quadraticForm(double[] matrix) {
        if (full()) {
            return ScalarQuadraticForms.form(values, matrix, dimension);
        }
        double sum = 0;
        for (int p = 0; p < indices.length; p++) {
            int row = indices[p] * dimension;
            double inner = 0.5 * matrix[row + indices[p]] * values[p];
            for (int q = p + 1; q < indices.length; q++) {
                inner += matrix[row + indices[q]] * values[q];
            }
            sum += values[p] * inner;
        }
        return 2 * sum;
    }

    /** {@code Σ a[aFrom + i]·b[bFrom + i]} for i below length, with four accumulators for instruction-level parallelism. */
    static double dotFrom(double[] a, int aFrom, double[] b, int bFrom, int length) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < length; i += 4) {
            s0 += a[aFrom + i] * b[bFrom + i];
            s1 += a[aFrom + i + 1] * b[bFrom + i + 1];
            s2 += a[aFrom + i + 2] * b[bFrom + i + 2];
            s3 += a[aFrom + i + 3] * b[bFrom + i + 3];
        }
        for (; i < length; i++) {
            s0 += a[aFrom + i] * b[bFrom + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static void requireFinite(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("feature values must be finite numbers, was " + v);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FeatureVector that && dimension == that.dimension
                && Arrays.equals(indices, that.indices) && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dimension + Arrays.hashCode(indices)) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("FeatureVector[d=").append(dimension);
        for (int k = 0; k < indices.length; k++) {
            text.append(k == 0 ? "; " : ", ").append(indices[k]).append('=').append(values[k]);
        }
        return text.append(']').toString();
    }
}
