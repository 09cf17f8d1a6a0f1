package dev.grat.decide.bandit;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RidgeModelTest {

    private static final int D = 12;

    @Test
    void shermanMorrison_matchesTheDirectInverse_afterManyUpdates() {
        RidgeModel model = new RidgeModel(D, 1.0, true);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 500; i++) {
            model.add(randomSparse(random), random.nextDouble() < 0.2 ? 1 : 0);
        }
        double[] direct = invert(model.gramCopy(), D);
        double[] incremental = model.inverseCopy();
        for (int i = 0; i < D * D; i++) {
            assertThat(incremental[i]).isCloseTo(direct[i], within(1e-9));
        }
        double[] weights = multiply(direct, model.targetCopy(), D);
        double[] learned = model.weightsCopy();
        for (int i = 0; i < D; i++) {
            assertThat(learned[i]).isCloseTo(weights[i], within(1e-9));
        }
    }

    @Test
    void denseVectors_takeTheFastPath_withTheSameResults() {
        RidgeModel model = new RidgeModel(D, 1.0, true);
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 300; i++) {
            double[] x = new double[D];
            for (int j = 0; j < D; j++) {
                x[j] = random.nextDouble(0.1, 1);
            }
            model.add(FeatureVector.dense(x), random.nextDouble());
        }
        double[] direct = invert(model.gramCopy(), D);
        double[] incremental = model.inverseCopy();
        for (int i = 0; i < D * D; i++) {
            assertThat(incremental[i]).isCloseTo(direct[i], within(1e-9));
        }
    }

    @Test
    void meanAndVariance_areTheLinearAndQuadraticForms_forDenseAndSparseVectors() {
        RidgeModel model = new RidgeModel(D, 1.0, false);
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < 100; i++) {
            model.add(randomSparse(random), random.nextDouble());
        }
        double[] inverse = model.inverseCopy();
        double[] weights = model.weightsCopy();
        double[] denseEntries = new double[D];
        for (int j = 0; j < D; j++) {
            denseEntries[j] = random.nextDouble(0.1, 1);
        }
        for (FeatureVector x : List.of(FeatureVector.dense(denseEntries), randomSparse(random))) {
            double[] v = x.toDense();
            double quadratic = 0;
            double linear = 0;
            for (int i = 0; i < D; i++) {
                linear += weights[i] * v[i];
                for (int j = 0; j < D; j++) {
                    quadratic += v[i] * inverse[i * D + j] * v[j];
                }
            }
            assertThat(model.variance(x)).isCloseTo(quadratic, within(1e-12));
            assertThat(model.mean(x)).isCloseTo(linear, within(1e-12));
        }
    }

    @Test
    void choleskyFactor_followsEveryUpdate() {
        RidgeModel model = new RidgeModel(D, 2.0, true);
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 200; i++) {
            model.add(randomSparse(random), random.nextDouble());
        }
        double[] upper = model.upperCopy();
        double[] gram = model.gramCopy();
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                double sum = 0;
                for (int k = 0; k < D; k++) {
                    sum += upper[k * D + i] * upper[k * D + j];
                }
                assertThat(sum).isCloseTo(gram[i * D + j], within(1e-9));
            }
            for (int j = 0; j < i; j++) {
                assertThat(upper[i * D + j]).isZero();
            }
        }
    }

    @Test
    void remove_takesObservationsBackOutExactly() {
        SplittableRandom random = new SplittableRandom(9);
        RidgeModel all = new RidgeModel(D, 1.0, false);
        RidgeModel kept = new RidgeModel(D, 1.0, false);
        List<Feedback> erased = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            FeatureVector x = randomSparse(random);
            double reward = random.nextDouble();
            all.add(x, reward);
            if (i % 7 == 0) {
                erased.add(Feedback.of(x, reward, 0.5));
            } else {
                kept.add(x, reward);
            }
        }
        all.remove(erased);
        assertThat(all.updates()).isEqualTo(kept.updates());
        double[] a = all.weightsCopy();
        double[] b = kept.weightsCopy();
        for (int i = 0; i < D; i++) {
            assertThat(a[i]).isCloseTo(b[i], within(1e-9));
        }
    }

    @Test
    void sampledWeights_haveThePosteriorMeanAndCovariance() {
        RidgeModel model = new RidgeModel(3, 1.0, true);
        model.add(FeatureVector.dense(1, 0, 0), 1);
        model.add(FeatureVector.dense(1, 1, 0), 0);
        SplittableRandom random = new SplittableRandom(11);
        int n = 200_000;
        double[] mean = new double[3];
        double[] secondMoment = new double[9];
        double[] draw = new double[3];
        for (int s = 0; s < n; s++) {
            model.sampleWeights(random, 0.5, draw);
            for (int i = 0; i < 3; i++) {
                mean[i] += draw[i] / n;
                for (int j = 0; j < 3; j++) {
                    secondMoment[i * 3 + j] += draw[i] * draw[j] / n;
                }
            }
        }
        double[] weights = model.weightsCopy();
        double[] inverse = model.inverseCopy();
        for (int i = 0; i < 3; i++) {
            assertThat(mean[i]).isCloseTo(weights[i], within(0.01));
            for (int j = 0; j < 3; j++) {
                double covariance = secondMoment[i * 3 + j] - mean[i] * mean[j];
                assertThat(covariance).isCloseTo(0.25 * inverse[i * 3 + j], within(0.01));
            }
        }
    }

    private static FeatureVector randomSparse(SplittableRandom random) {
        double[] x = new double[D];
        for (int i = 0; i < D; i++) {
            x[i] = random.nextDouble() < 0.3 ? random.nextDouble(-1, 1) : 0;
        }
        return FeatureVector.dense(x);
    }

    /** Gauss–Jordan elimination with partial pivoting: the reference the incremental inverse must match. */
    static double[] invert(double[] matrix, int d) {
        double[][] a = new double[d][2 * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                a[i][j] = matrix[i * d + j];
            }
            a[i][d + i] = 1;
        }
        for (int col = 0; col < d; col++) {
            int pivot = col;
            for (int r = col + 1; r < d; r++) {
                pivot = Math.abs(a[r][col]) > Math.abs(a[pivot][col]) ? r : pivot;
            }
            double[] swap = a[col];
            a[col] = a[pivot];
            a[pivot] = swap;
            double p = a[col][col];
            for (int j = 0; j < 2 * d; j++) {
                a[col][j] /= p;
            }
            for (int r = 0; r < d; r++) {
                if (r != col) {
                    double f = a[r][col];
                    for (int j = 0; j < 2 * d; j++) {
                        a[r][j] -= f * a[col][j];
                    }
                }
            }
        }
        double[] inverse = new double[d * d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(a[i], d, inverse, i * d, d);
        }
        return inverse;
    }

    private static double[] multiply(double[] matrix, double[] vector, int d) {
        double[] out = new double[d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                out[i] += matrix[i * d + j] * vector[j];
            }
        }
        return out;
    }
}
