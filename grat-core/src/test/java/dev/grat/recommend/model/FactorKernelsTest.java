package dev.grat.recommend.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Vector API kernels against straightforward double-precision loops, for factor counts that are whole
 * vectors (64), several (128), less than one (8) and ragged (70); and the plain Java kernels likewise.
 */
class FactorKernelsTest {

    private static final float TOLERANCE = 1e-4f;

    @Test
    void fastest_isTheVectorKernels_whenTheJvmHasTheIncubatorModule() {
        // the tests run with --add-modules jdk.incubator.vector (grat-core's pom), as the grat launcher does
        assertThat(FactorKernels.fastest()).isSameAs(VectorKernels.INSTANCE);
    }

    @Test
    void smallJobs_usePlainJava_becauseInterpretedVectorCodeIsSlowerThanTheJobItself() {
        assertThat(FactorKernels.forCalls(FactorKernels.VECTOR_MIN_CALLS - 1)).isSameAs(ScalarKernels.INSTANCE);
        assertThat(FactorKernels.forCalls(FactorKernels.VECTOR_MIN_CALLS)).isSameAs(VectorKernels.INSTANCE);
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 64, 70, 128})
    void vectorKernels_matchPlainLoops(int k) {
        checkAgainstPlainLoops(VectorKernels.INSTANCE, k);
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 64, 70})
    void scalarKernels_matchPlainLoops(int k) {
        checkAgainstPlainLoops(ScalarKernels.INSTANCE, k);
    }

    private static void checkAgainstPlainLoops(FactorKernels kernels, int k) {
        SplittableRandom random = new SplittableRandom(k);
        int rows = 37;
        float[] factors = randoms(random, rows * k);
        float[] x = randoms(random, k + 3);

        assertThat(kernels.dot(factors, 2 * k, x, 3, k)).isCloseTo((float) dot(factors, 2 * k, x, 3, k), within(TOLERANCE));

        float[] y = randoms(random, k);
        float[] expectedAxpy = y.clone();
        for (int i = 0; i < k; i++) {
            expectedAxpy[i] += 0.5f * factors[k + i];
        }
        kernels.axpy(0.5f, factors, k, y, 0, k);
        assertClose(y, expectedAxpy);

        float[] g = new float[k * k];
        kernels.addOuterProducts(factors, 1, rows, k, g);
        double[] expectedG = new double[k * k];
        for (int r = 1; r < rows; r++) {
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    expectedG[a * k + b] += (double) factors[r * k + a] * factors[r * k + b];
                }
            }
        }
        assertClose(g, expectedG);

        float[] product = new float[k];
        kernels.symmetricProduct(g, x, 3, 0.3f, 2f, product, k);
        double[] expectedProduct = new double[k];
        for (int i = 0; i < k; i++) {
            expectedProduct[i] = 2.0 * x[3 + i];
            for (int j = 0; j < k; j++) {
                expectedProduct[i] += 0.3 * g[j * k + i] * x[3 + j];
            }
        }
        assertClose(product, expectedProduct);

        int[] columns = {4, 0, 17, 36};
        float[] values = {1, 2, 0.5f, 3};
        FactorKernels.Confidence weights = new FactorKernels.Confidence(1.5f, 0.1f, 1, -1);
        float[] out = randoms(random, k);
        double[] expectedOut = new double[k];
        for (int i = 0; i < k; i++) {
            expectedOut[i] = out[i];
        }
        for (int p = 1; p < columns.length; p++) {
            double confidence = 1 + 1.5 * values[p];
            double coefficient = confidence - (confidence - 0.1) * dot(factors, columns[p] * k, x, 3, k);
            for (int i = 0; i < k; i++) {
                expectedOut[i] += coefficient * factors[columns[p] * k + i];
            }
        }
        kernels.addObservedProduct(factors, columns, values, 1, columns.length, weights, x, 3, out, k);
        assertClose(out, expectedOut);
    }

    private static double dot(float[] a, int ao, float[] b, int bo, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (double) a[ao + i] * b[bo + i];
        }
        return sum;
    }

    private static void assertClose(float[] actual, float[] expected) {
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within(TOLERANCE));
        }
    }

    private static void assertClose(float[] actual, double[] expected) {
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i]).as("element %d", i).isCloseTo(expected[i], within((double) TOLERANCE * 10));
        }
    }

    private static float[] randoms(SplittableRandom random, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return out;
    }
}
