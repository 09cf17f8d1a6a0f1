package dev.grat.decide.bandit;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link QuadraticForms} with the Vector API, as one matrix product: {@code Y = X M} for four vectors at a time,
 * then {@code xᵢᵀ yᵢ}. Each pass over M's rows loads a strip of two vectors' width once and feeds it to all four
 * vectors' sums, which stay in registers (eight accumulators of fused multiply-adds); the strips' partial products
 * with x accumulate in one register per vector. The full product costs twice the multiplications of the upper
 * triangle, but runs on 8 lanes (AVX-512) or 4 (AVX2) without a reduction per row.
 *
 * <p>Every vector of a batch goes through the same operations in the same order, in whichever of the four places
 * it is (a short last group is filled up with copies of its first vector), and the lanes are summed in a fixed
 * order rather than by {@code reduceLanes}, whose order may differ between interpreted and compiled code: a
 * vector's form is the same in every batch and before or after the JIT has compiled this class.
 */
final class VectorQuadraticForms implements QuadraticForms {

    static final VectorQuadraticForms INSTANCE = new VectorQuadraticForms();

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int STRIP = 2 * LANES;

    private VectorQuadraticForms() {
    }

    @Override
    public void compute(double[] matrix, int dimension, double[][] rows, int count, double[] out) {
        double[] forms = new double[4];
        for (int i = 0; i < count; i += 4) {
            // a short last group repeats its first vector in the empty places, whose results are dropped
            double[] x1 = i + 1 < count ? rows[i + 1] : rows[i];
            double[] x2 = i + 2 < count ? rows[i + 2] : rows[i];
            double[] x3 = i + 3 < count ? rows[i + 3] : rows[i];
            forms(matrix, dimension, rows[i], x1, x2, x3, forms);
            for (int k = 0; k < 4 && i + k < count; k++) {
                out[i + k] = forms[k];
            }
        }
    }

    /** The forms of four vectors: strips of two vectors' width, then of one. */
    private static void forms(double[] m, int d, double[] x0, double[] x1, double[] x2, double[] x3, double[] out) {
        DoubleVector q0 = DoubleVector.zero(SPECIES);
        DoubleVector q1 = q0;
        DoubleVector q2 = q0;
        DoubleVector q3 = q0;
        int j = 0;
        for (; j + STRIP <= d; j += STRIP) {
            DoubleVector a0 = DoubleVector.zero(SPECIES);
            DoubleVector b0 = a0;
            DoubleVector a1 = a0;
            DoubleVector b1 = a0;
            DoubleVector a2 = a0;
            DoubleVector b2 = a0;
            DoubleVector a3 = a0;
            DoubleVector b3 = a0;
            for (int p = 0, row = j; p < d; p++, row += d) {
                DoubleVector left = DoubleVector.fromArray(SPECIES, m, row);
                DoubleVector right = DoubleVector.fromArray(SPECIES, m, row + LANES);
                DoubleVector v0 = DoubleVector.broadcast(SPECIES, x0[p]);
                DoubleVector v1 = DoubleVector.broadcast(SPECIES, x1[p]);
                DoubleVector v2 = DoubleVector.broadcast(SPECIES, x2[p]);
                DoubleVector v3 = DoubleVector.broadcast(SPECIES, x3[p]);
                a0 = left.fma(v0, a0);
                b0 = right.fma(v0, b0);
                a1 = left.fma(v1, a1);
                b1 = right.fma(v1, b1);
                a2 = left.fma(v2, a2);
                b2 = right.fma(v2, b2);
                a3 = left.fma(v3, a3);
                b3 = right.fma(v3, b3);
            }
            q0 = b0.fma(DoubleVector.fromArray(SPECIES, x0, j + LANES), a0.fma(DoubleVector.fromArray(SPECIES, x0, j), q0));
            q1 = b1.fma(DoubleVector.fromArray(SPECIES, x1, j + LANES), a1.fma(DoubleVector.fromArray(SPECIES, x1, j), q1));
            q2 = b2.fma(DoubleVector.fromArray(SPECIES, x2, j + LANES), a2.fma(DoubleVector.fromArray(SPECIES, x2, j), q2));
            q3 = b3.fma(DoubleVector.fromArray(SPECIES, x3, j + LANES), a3.fma(DoubleVector.fromArray(SPECIES, x3, j), q3));
        }
        // the rest, one vector's width at a time; the last one masked (its missing lanes load as zeros)
        for (; j < d; j += LANES) {
            VectorMask<Double> inside = SPECIES.indexInRange(j, d);
            DoubleVector a0 = DoubleVector.zero(SPECIES);
            DoubleVector a1 = a0;
            DoubleVector a2 = a0;
            DoubleVector a3 = a0;
            for (int p = 0, row = j; p < d; p++, row += d) {
                DoubleVector strip = DoubleVector.fromArray(SPECIES, m, row, inside);
                a0 = strip.fma(DoubleVector.broadcast(SPECIES, x0[p]), a0);
                a1 = strip.fma(DoubleVector.broadcast(SPECIES, x1[p]), a1);
                a2 = strip.fma(DoubleVector.broadcast(SPECIES, x2[p]), a2);
                a3 = strip.fma(DoubleVector.broadcast(SPECIES, x3[p]), a3);
            }
            q0 = a0.fma(DoubleVector.fromArray(SPECIES, x0, j, inside), q0);
            q1 = a1.fma(DoubleVector.fromArray(SPECIES, x1, j, inside), q1);
            q2 = a2.fma(DoubleVector.fromArray(SPECIES, x2, j, inside), q2);
            q3 = a3.fma(DoubleVector.fromArray(SPECIES, x3, j, inside), q3);
        }
        double[] lanes = new double[LANES];
        out[0] = sum(q0, lanes);
        out[1] = sum(q1, lanes);
        out[2] = sum(q2, lanes);
        out[3] = sum(q3, lanes);
    }

    /**
     * The sum of the lanes in a fixed order: stored, then added pairwise as a tree in plain Java (a rearranging tree
     * of vectors was not compiled to shuffles here and cost more than the rest of the block).
     */
    private static double sum(DoubleVector v, double[] lanes) {
        v.intoArray(lanes, 0);
        for (int width = LANES >> 1; width > 0; width >>= 1) {
            for (int k = 0; k < width; k++) {
                lanes[k] += lanes[k + width];
            }
        }
        return lanes[0];
    }
}
