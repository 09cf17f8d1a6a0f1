package dev.grat.decide.bandit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** LinUCB's batched widths: the Vector API and plain Java agree with the definition, and a vector's value never depends on its batch. */
class QuadraticFormsTest {

    @ParameterizedTest
    @ValueSource(ints = {2, 5, 8, 16, 33, 100, 128, 129})
    void bothImplementations_matchTheDefinition_forEveryDimension(int d) {
        SplittableRandom random = new SplittableRandom(d);
        double[] matrix = symmetricPositive(d, random);
        double[][] rows = randomRows(11, d, random);
        for (QuadraticForms forms : List.of(VectorQuadraticForms.INSTANCE, ScalarQuadraticForms.INSTANCE)) {
            double[] out = new double[rows.length];
            forms.compute(matrix, d, rows, rows.length, out);
            for (int i = 0; i < rows.length; i++) {
                double expected = definition(matrix, d, rows[i]);
                assertThat(out[i]).as("%s, row %d", forms.getClass().getSimpleName(), i)
                        .isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected))));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {7, 100, 128})
    void aVectorsForm_isBitForBitTheSame_inEveryBatchAndPlace(int d) {
        SplittableRandom random = new SplittableRandom(17);
        double[] matrix = symmetricPositive(d, random);
        double[][] rows = randomRows(9, d, random);
        double[] alone = new double[1];
        VectorQuadraticForms.INSTANCE.compute(matrix, d, new double[][] {rows[4]}, 1, alone);
        for (int count = 5; count <= rows.length; count++) {
            double[] out = new double[count];
            VectorQuadraticForms.INSTANCE.compute(matrix, d, rows, count, out);
            assertThat(out[4]).isEqualTo(alone[0]);
        }
        double[][] shifted = {rows[0], rows[4], rows[4], rows[4], rows[4], rows[1]};
        double[] out = new double[shifted.length];
        VectorQuadraticForms.INSTANCE.compute(matrix, d, shifted, shifted.length, out);
        assertThat(new double[] {out[1], out[2], out[3], out[4]}).containsOnly(alone[0]);
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 128})
    void ridgeVariances_ofABatch_matchOneByOne_andSparseVectorsKeepTheirOwnPath(int d) {
        SplittableRandom random = new SplittableRandom(3);
        RidgeModel model = new RidgeModel(d, 1.0, false);
        List<FeatureVector> xs = new ArrayList<>();
        for (double[] row : randomRows(7, d, random)) {
            xs.add(FeatureVector.dense(row));
        }
        double[] sparse = new double[d];
        sparse[3] = 0.5;
        sparse[d - 1] = -2;
        xs.add(2, FeatureVector.dense(sparse));
        for (int i = 0; i < 300; i++) {
            model.add(xs.get(random.nextInt(xs.size())), random.nextDouble());
        }
        double[] batch = model.variances(xs);
        double[] inverse = model.inverseCopy();
        for (int i = 0; i < xs.size(); i++) {
            assertThat(batch[i]).isEqualTo(model.variance(xs.get(i)))
                    .isCloseTo(definition(inverse, d, xs.get(i).toDense()), within(1e-12));
        }
    }

    private static double definition(double[] matrix, int d, double[] x) {
        double sum = 0;
        for (int p = 0; p < d; p++) {
            for (int q = 0; q < d; q++) {
                sum += x[p] * matrix[p * d + q] * x[q];
            }
        }
        return sum;
    }

    private static double[][] randomRows(int count, int d, SplittableRandom random) {
        double[][] rows = new double[count][d];
        for (double[] row : rows) {
            for (int j = 0; j < d; j++) {
                row[j] = random.nextDouble(0.01, 1) * (random.nextBoolean() ? 1 : -1);
            }
        }
        return rows;
    }

    /** {@code BᵀB / d + I}: symmetric, positive definite, like an inverse Gram matrix. */
    private static double[] symmetricPositive(int d, SplittableRandom random) {
        double[] b = new double[d * d];
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextDouble(-1, 1);
        }
        double[] m = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = 0;
                for (int k = 0; k < d; k++) {
                    sum += b[k * d + i] * b[k * d + j];
                }
                m[i * d + j] = sum / d + (i == j ? 1 : 0);
                m[j * d + i] = m[i * d + j];
            }
        }
        return m;
    }
}
