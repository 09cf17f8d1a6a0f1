package dev.grat.recommend.model;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EaseTest {

    @Test
    void ease_matchesDirectInversion_whenVisitorsOutnumberItems() {
        Interactions data = randomInteractions(1, 40, 12);
        assertMatchesDirectInversion(data, 5.0);
    }

    @Test
    void ease_matchesDirectInversion_whenItemsOutnumberVisitors_viaTheWoodburyIdentity() {
        Interactions data = randomInteractions(2, 9, 25);
        assertMatchesDirectInversion(data, 3.0);
    }

    @Test
    void scores_areTheHistoryTimesTheWeightMatrix() {
        Interactions data = randomInteractions(3, 30, 10);
        EaseModel model = new EaseTrainer(new EaseParams(10, 1)).train(data);
        float[] scores = model.scores(new UserHistory(new int[] {1, 4}, new float[] {1f, 2f}));
        for (int j = 0; j < 10; j++) {
            assertThat(scores[j]).isCloseTo(model.weight(1, j) + 2 * model.weight(4, j), within(1e-6f));
        }
    }

    private static void assertMatchesDirectInversion(Interactions data, double lambda) {
        EaseModel model = new EaseTrainer(new EaseParams(lambda, 2)).train(data);
        int n = data.itemCount();
        double[][] gram = new double[n][n];
        for (int u = 0; u < data.userCount(); u++) {
            UserHistory row = data.historyOf(u);
            for (int a = 0; a < row.size(); a++) {
                for (int b = 0; b < row.size(); b++) {
                    gram[row.item(a)][row.item(b)] += row.weight(a) * row.weight(b);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            gram[i][i] += lambda;
        }
        double[][] p = gaussJordanInverse(gram);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double expected = i == j ? 0 : -p[i][j] / p[j][j];
                assertThat((double) model.weight(i, j)).as("B[%d][%d]", i, j).isCloseTo(expected, within(1e-5));
            }
        }
    }

    private static Interactions randomInteractions(long seed, int users, int items) {
        Random random = new Random(seed);
        Interactions.Builder builder = Interactions.builder();
        for (int i = 0; i < items; i++) {
            builder.addItem("i" + i);
        }
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                if (random.nextDouble() < 0.3) {
                    builder.add("u" + u, "i" + i, 1 + random.nextInt(3));
                }
            }
        }
        return builder.build();
    }

    private static double[][] gaussJordanInverse(double[][] matrix) {
        int n = matrix.length;
        double[][] a = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(matrix[i], 0, a[i], 0, n);
            a[i][n + i] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] swap = a[col];
            a[col] = a[pivot];
            a[pivot] = swap;
            double scale = a[col][col];
            for (int c = 0; c < 2 * n; c++) {
                a[col][c] /= scale;
            }
            for (int r = 0; r < n; r++) {
                if (r != col) {
                    double factor = a[r][col];
                    for (int c = 0; c < 2 * n; c++) {
                        a[r][c] -= factor * a[col][c];
                    }
                }
            }
        }
        double[][] inverse = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], n, inverse[i], 0, n);
        }
        return inverse;
    }
}
