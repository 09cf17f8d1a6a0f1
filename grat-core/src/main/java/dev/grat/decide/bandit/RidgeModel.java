package dev.grat.decide.bandit;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Bayesian ridge regression of reward on features, kept up to date one observation at a time:
 * {@code A = ridge·I + Σ x xᵀ}, {@code b = Σ r x}, {@code θ = A⁻¹ b}.
 *
 * <p>{@code A⁻¹} and {@code θ} follow each observation by the Sherman–Morrison identity in O(d²) instead of a
 * fresh O(d³) inversion; {@code A} itself is kept exactly, serialized, and used to recompute everything every
 * {@value #RESYNC_EVERY} updates so rounding errors cannot accumulate. For Thompson sampling the upper
 * Cholesky factor {@code UᵀU = A} is kept up to date too (a rank-1 update, also O(d²)), because
 * {@code θ + s·U⁻¹z} with standard normal {@code z} is a draw from {@code N(θ, s²A⁻¹)}. U is stored row by row,
 * so both the update and the back substitution run along contiguous rows.
 *
 * <p>Not thread-safe: {@link LinearPolicy} guards it with a read-write lock.
 */
final class RidgeModel {

    static final int RESYNC_EVERY = 10_000;

    private final int d;
    private final double ridge;
    private final boolean keepCholesky;
    private final double[] gram;
    private final double[] inverse;
    private final double[] target;
    private final double[] weights;
    private final double[] upper;
    private final double[] scratch;
    private final double[] scratch2;
    private final QuadraticForms quadraticForms = QuadraticForms.fastest();
    private long updates;

    RidgeModel(int dimension, double ridge, boolean keepCholesky) {
        if (!(ridge > 0)) {
            throw new IllegalArgumentException("ridge must be positive, was " + ridge);
        }
        this.d = dimension;
        this.ridge = ridge;
        this.keepCholesky = keepCholesky;
        this.gram = new double[d * d];
        this.inverse = new double[d * d];
        this.target = new double[d];
        this.weights = new double[d];
        this.upper = keepCholesky ? new double[d * d] : null;
        this.scratch = new double[d];
        this.scratch2 = new double[d];
        for (int i = 0; i < d; i++) {
            gram[i * d + i] = ridge;
            inverse[i * d + i] = 1 / ridge;
            if (keepCholesky) {
                upper[i * d + i] = Math.sqrt(ridge);
            }
        }
    }

    /** A model with the given sums, e.g. read back from bytes. */
    static RidgeModel restore(int dimension, double ridge, boolean keepCholesky, double[] gram, double[] target, long updates) {
        RidgeModel model = new RidgeModel(dimension, ridge, keepCholesky);
        System.arraycopy(gram, 0, model.gram, 0, dimension * dimension);
        System.arraycopy(target, 0, model.target, 0, dimension);
        model.updates = updates;
        model.rebuild();
        return model;
    }

    int dimension() {
        return d;
    }

    double ridge() {
        return ridge;
    }

    long updates() {
        return updates;
    }

    /** The expected reward {@code θᵀx}. */
    double mean(FeatureVector x) {
        return x.dot(weights);
    }

    /** The posterior variance factor {@code xᵀA⁻¹x} (the squared width of the confidence ellipsoid along x). */
    double variance(FeatureVector x) {
        return variances(List.of(x))[0];
    }

    /**
     * {@link #variance} of each vector. Vectors with at least half their entries non-zero (what the hashing encoder
     * makes) go through {@link QuadraticForms} as one batch; sparser ones one by one over their non-zero entries
     * only. Which way a vector goes depends on it alone, so it gets the same value in every batch.
     */
    double[] variances(List<FeatureVector> xs) {
        double[] variances = new double[xs.size()];
        double[][] rows = new double[xs.size()][];
        int[] positions = new int[xs.size()];
        int count = 0;
        for (int i = 0; i < variances.length; i++) {
            FeatureVector x = xs.get(i);
            if (2 * x.nonZeros() >= d) {
                double[] row = x.fullValues();
                rows[count] = row != null ? row : x.toDense();
                positions[count++] = i;
            } else {
                variances[i] = Math.max(0, x.quadraticForm(inverse));
            }
        }
        if (count > 0) {
            double[] forms = new double[count];
            quadraticForms.compute(inverse, d, rows, count, forms);
            for (int k = 0; k < count; k++) {
                variances[positions[k]] = Math.max(0, forms[k]);
            }
        }
        return variances;
    }

    /** Adds one observation. */
    void add(FeatureVector x, double reward) {
        requireDimension(x);
        double[] u = scratch;
        boolean full = x.nonZeros() == d;
        double[] dense = full ? x.toDense() : null;
        for (int i = 0; i < d; i++) {
            int row = i * d;
            if (full) {
                u[i] = FeatureVector.dotFrom(inverse, row, dense, 0, d);
            } else {
                double sum = 0;
                for (int k = 0; k < x.nonZeros(); k++) {
                    sum += inverse[row + x.indexAt(k)] * x.valueAt(k);
                }
                u[i] = sum;
            }
        }
        double denominator = 1 + x.dot(u);
        double step = (reward - x.dot(weights)) / denominator;
        for (int i = 0; i < d; i++) {
            double ui = u[i] / denominator;
            int row = i * d;
            for (int j = 0; j < d; j++) {
                inverse[row + j] -= ui * u[j];
            }
            weights[i] += u[i] * step;
        }
        addOuter(x, reward, 1);
        if (keepCholesky) {
            choleskyUpdate(x);
        }
        updates++;
        if (updates % RESYNC_EVERY == 0) {
            rebuild();
        }
    }

    /** Takes back observations added before (a visitor's erasure); recomputes everything once, in O(d³). */
    void remove(List<Feedback> observations) {
        for (Feedback observation : observations) {
            requireDimension(observation.chosen());
        }
        for (Feedback observation : observations) {
            addOuter(observation.chosen(), observation.reward(), -1);
        }
        updates = Math.max(0, updates - observations.size());
        rebuild();
    }

    /** Draws weights from {@code N(θ, scale²·A⁻¹)} into {@code out}. Needs the Cholesky factor. */
    void sampleWeights(RandomGenerator random, double scale, double[] out) {
        for (int i = 0; i < d; i++) {
            out[i] = random.nextGaussian();
        }
        // back substitution of U y = z, in place
        for (int i = d - 1; i >= 0; i--) {
            int row = i * d;
            out[i] = (out[i] - FeatureVector.dotFrom(upper, row + i + 1, out, i + 1, d - i - 1)) / upper[row + i];
        }
        for (int i = 0; i < d; i++) {
            out[i] = weights[i] + scale * out[i];
        }
    }

    double[] gramCopy() {
        return gram.clone();
    }

    double[] targetCopy() {
        return target.clone();
    }

    double[] inverseCopy() {
        return inverse.clone();
    }

    double[] weightsCopy() {
        return weights.clone();
    }

    /** The upper Cholesky factor U with {@code UᵀU = A}, row by row (null when not kept). */
    double[] upperCopy() {
        return upper == null ? null : upper.clone();
    }

    private void addOuter(FeatureVector x, double reward, int sign) {
        for (int p = 0; p < x.nonZeros(); p++) {
            int row = x.indexAt(p) * d;
            double vp = sign * x.valueAt(p);
            for (int q = 0; q < x.nonZeros(); q++) {
                gram[row + x.indexAt(q)] += vp * x.valueAt(q);
            }
            target[x.indexAt(p)] += vp * reward;
        }
    }

    /** Rank-one update of the upper Cholesky factor for {@code A + x xᵀ}. */
    private void choleskyUpdate(FeatureVector x) {
        double[] v = scratch2;
        Arrays.fill(v, 0);
        for (int k = 0; k < x.nonZeros(); k++) {
            v[x.indexAt(k)] = x.valueAt(k);
        }
        int first = x.nonZeros() == 0 ? d : x.indexAt(0);
        for (int k = first; k < d; k++) {
            int row = k * d;
            double ukk = upper[row + k];
            double r = Math.sqrt(ukk * ukk + v[k] * v[k]);
            double c = r / ukk;
            double s = v[k] / ukk;
            upper[row + k] = r;
            for (int i = k + 1; i < d; i++) {
                double uki = (upper[row + i] + s * v[i]) / c;
                upper[row + i] = uki;
                v[i] = c * v[i] - s * uki;
            }
        }
    }

    /** Recomputes {@code A⁻¹}, {@code θ} and {@code L} from {@code A} and {@code b}. */
    void rebuild() {
        double[] lower = Cholesky.factor(gram, d);
        double[] lowerInverse = Cholesky.invertLower(lower, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = 0;
                for (int k = i; k < d; k++) {
                    sum += lowerInverse[k * d + i] * lowerInverse[k * d + j];
                }
                inverse[i * d + j] = sum;
                inverse[j * d + i] = sum;
            }
        }
        for (int i = 0; i < d; i++) {
            double sum = 0;
            for (int j = 0; j < d; j++) {
                sum += inverse[i * d + j] * target[j];
            }
            weights[i] = sum;
        }
        if (keepCholesky) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    upper[i * d + j] = lower[j * d + i];
                }
            }
        }
    }

    private void requireDimension(FeatureVector x) {
        if (x.dimension() != d) {
            throw new IllegalArgumentException("feature vector has dimension " + x.dimension() + ", the model " + d);
        }
    }
}
