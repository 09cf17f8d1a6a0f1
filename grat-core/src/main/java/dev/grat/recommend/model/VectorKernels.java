package dev.grat.recommend.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FactorKernels} with the Vector API, at the platform's widest float vectors (16 lanes with AVX-512).
 * Loaded only when the JVM has {@code jdk.incubator.vector} (see {@link FactorKernels#fastest()}). Sums of
 * products are fused multiply-adds kept in registers; tails shorter than a vector fall back to scalar loops.
 */
final class VectorKernels implements FactorKernels {

    static final VectorKernels INSTANCE = new VectorKernels();

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    /** Rotations by half, a quarter, ... of the lanes, for {@link #sum}. */
    private static final VectorShuffle<Float>[] HALVES = halves();

    private VectorKernels() {
    }

    /**
     * The sum of the lanes in a fixed order (a tree of lane-wise adds), rather than {@code reduceLanes(ADD)},
     * whose order differs between interpreted and compiled code: a training then gives the same factors whether
     * it runs before or after the JIT has compiled these kernels.
     */
    private static float sum(FloatVector v) {
        FloatVector folded = v;
        for (VectorShuffle<Float> half : HALVES) {
            folded = folded.add(folded.rearrange(half));
        }
        return folded.lane(0);
    }

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[] halves() {
        int steps = Integer.numberOfTrailingZeros(LANES);
        VectorShuffle<Float>[] shuffles = new VectorShuffle[steps];
        for (int i = 0; i < steps; i++) {
            shuffles[i] = VectorShuffle.iota(SPECIES, LANES >> (i + 1), 1, true);
        }
        return shuffles;
    }

    @Override
    public float dot(float[] a, int ao, float[] b, int bo, int n) {
        FloatVector sum0 = FloatVector.zero(SPECIES);
        FloatVector sum1 = FloatVector.zero(SPECIES);
        int i = 0;
        for (; i + 2 * LANES <= n; i += 2 * LANES) {
            sum0 = FloatVector.fromArray(SPECIES, a, ao + i).fma(FloatVector.fromArray(SPECIES, b, bo + i), sum0);
            sum1 = FloatVector.fromArray(SPECIES, a, ao + i + LANES)
                    .fma(FloatVector.fromArray(SPECIES, b, bo + i + LANES), sum1);
        }
        for (; i + LANES <= n; i += LANES) {
            sum0 = FloatVector.fromArray(SPECIES, a, ao + i).fma(FloatVector.fromArray(SPECIES, b, bo + i), sum0);
        }
        float sum = sum(sum0.add(sum1));
        for (; i < n; i++) {
            sum += a[ao + i] * b[bo + i];
        }
        return sum;
    }

    @Override
    public void axpy(float s, float[] x, int xo, float[] y, int yo, int n) {
        FloatVector scale = FloatVector.broadcast(SPECIES, s);
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            FloatVector.fromArray(SPECIES, x, xo + i).fma(scale, FloatVector.fromArray(SPECIES, y, yo + i))
                    .intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] += s * x[xo + i];
        }
    }

    /**
     * With k of four vectors (64 factors at AVX-512's 16 lanes), x and the sum stay in eight registers for the whole
     * row, and each observed row of the fixed side is loaded once for both its dot product and its axpy.
     */
    @Override
    public void addObservedProduct(float[] fixed, int[] columns, float[] values, int from, int to, Confidence weights,
                                   float[] vector, int offset, float[] out, int k) {
        if (k != 4 * LANES) {
            FactorKernels.super.addObservedProduct(fixed, columns, values, from, to, weights, vector, offset, out, k);
            return;
        }
        FloatVector x0 = FloatVector.fromArray(SPECIES, vector, offset);
        FloatVector x1 = FloatVector.fromArray(SPECIES, vector, offset + LANES);
        FloatVector x2 = FloatVector.fromArray(SPECIES, vector, offset + 2 * LANES);
        FloatVector x3 = FloatVector.fromArray(SPECIES, vector, offset + 3 * LANES);
        FloatVector s0 = FloatVector.fromArray(SPECIES, out, 0);
        FloatVector s1 = FloatVector.fromArray(SPECIES, out, LANES);
        FloatVector s2 = FloatVector.fromArray(SPECIES, out, 2 * LANES);
        FloatVector s3 = FloatVector.fromArray(SPECIES, out, 3 * LANES);
        for (int p = from; p < to; p++) {
            int row = columns[p] * k;
            FloatVector y0 = FloatVector.fromArray(SPECIES, fixed, row);
            FloatVector y1 = FloatVector.fromArray(SPECIES, fixed, row + LANES);
            FloatVector y2 = FloatVector.fromArray(SPECIES, fixed, row + 2 * LANES);
            FloatVector y3 = FloatVector.fromArray(SPECIES, fixed, row + 3 * LANES);
            float projected = sum(y0.mul(x0).add(y1.mul(x1)).add(y2.mul(x2).add(y3.mul(x3))));
            float confidence = 1 + weights.alpha() * values[p];
            FloatVector coefficient = FloatVector.broadcast(SPECIES, weights.constant() * confidence
                    + weights.slope() * (confidence - weights.alpha0()) * projected);
            s0 = y0.fma(coefficient, s0);
            s1 = y1.fma(coefficient, s1);
            s2 = y2.fma(coefficient, s2);
            s3 = y3.fma(coefficient, s3);
        }
        s0.intoArray(out, 0);
        s1.intoArray(out, LANES);
        s2.intoArray(out, 2 * LANES);
        s3.intoArray(out, 3 * LANES);
    }

    /**
     * Four output vectors at a time, each summed over all of G's rows in a register (G is symmetric, so its
     * column block is its row block): no loads or stores of {@code out} inside the loop.
     */
    @Override
    public void symmetricProduct(float[] g, float[] vector, int offset, float scale, float shift, float[] out, int k) {
        int i = 0;
        for (; i + 4 * LANES <= k; i += 4 * LANES) {
            FloatVector s0 = FloatVector.zero(SPECIES);
            FloatVector s1 = FloatVector.zero(SPECIES);
            FloatVector s2 = FloatVector.zero(SPECIES);
            FloatVector s3 = FloatVector.zero(SPECIES);
            FloatVector t0 = FloatVector.zero(SPECIES);
            FloatVector t1 = FloatVector.zero(SPECIES);
            FloatVector t2 = FloatVector.zero(SPECIES);
            FloatVector t3 = FloatVector.zero(SPECIES);
            int j = 0;
            // two rows of G per pass into two sets of sums: eight independent chains hide the FMA latency
            for (; j + 1 < k; j += 2) {
                FloatVector v = FloatVector.broadcast(SPECIES, vector[offset + j]);
                FloatVector w = FloatVector.broadcast(SPECIES, vector[offset + j + 1]);
                int row = j * k + i;
                int next = row + k;
                s0 = FloatVector.fromArray(SPECIES, g, row).fma(v, s0);
                s1 = FloatVector.fromArray(SPECIES, g, row + LANES).fma(v, s1);
                s2 = FloatVector.fromArray(SPECIES, g, row + 2 * LANES).fma(v, s2);
                s3 = FloatVector.fromArray(SPECIES, g, row + 3 * LANES).fma(v, s3);
                t0 = FloatVector.fromArray(SPECIES, g, next).fma(w, t0);
                t1 = FloatVector.fromArray(SPECIES, g, next + LANES).fma(w, t1);
                t2 = FloatVector.fromArray(SPECIES, g, next + 2 * LANES).fma(w, t2);
                t3 = FloatVector.fromArray(SPECIES, g, next + 3 * LANES).fma(w, t3);
            }
            if (j < k) {
                FloatVector v = FloatVector.broadcast(SPECIES, vector[offset + j]);
                int row = j * k + i;
                s0 = FloatVector.fromArray(SPECIES, g, row).fma(v, s0);
                s1 = FloatVector.fromArray(SPECIES, g, row + LANES).fma(v, s1);
                s2 = FloatVector.fromArray(SPECIES, g, row + 2 * LANES).fma(v, s2);
                s3 = FloatVector.fromArray(SPECIES, g, row + 3 * LANES).fma(v, s3);
            }
            finish(s0.add(t0), vector, offset, scale, shift, out, i);
            finish(s1.add(t1), vector, offset, scale, shift, out, i + LANES);
            finish(s2.add(t2), vector, offset, scale, shift, out, i + 2 * LANES);
            finish(s3.add(t3), vector, offset, scale, shift, out, i + 3 * LANES);
        }
        for (; i + LANES <= k; i += LANES) {
            FloatVector s = FloatVector.zero(SPECIES);
            for (int j = 0; j < k; j++) {
                s = FloatVector.fromArray(SPECIES, g, j * k + i).fma(FloatVector.broadcast(SPECIES, vector[offset + j]), s);
            }
            finish(s, vector, offset, scale, shift, out, i);
        }
        for (; i < k; i++) {
            float sum = 0;
            for (int j = 0; j < k; j++) {
                sum += g[j * k + i] * vector[offset + j];
            }
            out[i] = scale * sum + shift * vector[offset + i];
        }
    }

    /** out[i..i+LANES) = scale * sum + shift * v[i..i+LANES) */
    private static void finish(FloatVector sum, float[] vector, int offset, float scale, float shift, float[] out, int i) {
        FloatVector.fromArray(SPECIES, vector, offset + i).mul(shift).add(sum.mul(scale)).intoArray(out, i);
    }

    /** Four rows per pass over g, so each load and store of g carries four fused multiply-adds. */
    @Override
    public void addOuterProducts(float[] factors, int from, int to, int k, float[] g) {
        int r = from;
        for (; r + 3 < to; r += 4) {
            int o0 = r * k;
            int o1 = o0 + k;
            int o2 = o1 + k;
            int o3 = o2 + k;
            for (int a = 0; a < k; a++) {
                FloatVector f0 = FloatVector.broadcast(SPECIES, factors[o0 + a]);
                FloatVector f1 = FloatVector.broadcast(SPECIES, factors[o1 + a]);
                FloatVector f2 = FloatVector.broadcast(SPECIES, factors[o2 + a]);
                FloatVector f3 = FloatVector.broadcast(SPECIES, factors[o3 + a]);
                int row = a * k;
                int b = 0;
                for (; b + LANES <= k; b += LANES) {
                    FloatVector sum = FloatVector.fromArray(SPECIES, factors, o0 + b)
                            .fma(f0, FloatVector.fromArray(SPECIES, g, row + b));
                    sum = FloatVector.fromArray(SPECIES, factors, o1 + b).fma(f1, sum);
                    sum = FloatVector.fromArray(SPECIES, factors, o2 + b).fma(f2, sum);
                    FloatVector.fromArray(SPECIES, factors, o3 + b).fma(f3, sum).intoArray(g, row + b);
                }
                for (; b < k; b++) {
                    g[row + b] += factors[o0 + a] * factors[o0 + b] + factors[o1 + a] * factors[o1 + b]
                            + factors[o2 + a] * factors[o2 + b] + factors[o3 + a] * factors[o3 + b];
                }
            }
        }
        for (; r < to; r++) {
            int o = r * k;
            for (int a = 0; a < k; a++) {
                axpy(factors[o + a], factors, o, g, a * k, k);
            }
        }
    }
}
