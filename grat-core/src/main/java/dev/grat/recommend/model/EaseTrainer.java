package dev.grat.recommend.model;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_MT_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * EASE (Steck 2019): the item-item weights in closed form, {@code P = (X'X + lambda I)^-1},
 * {@code B_ij = -P_ij / P_jj}, {@code B_jj = 0}. The inversion is EJML's Cholesky. When there are fewer
 * visitors than items, the same P comes from the visitor side by the Woodbury identity,
 * {@code P = (I - X' (XX' + lambda I)^-1 X) / lambda}, which inverts a visitors-by-visitors matrix instead.
 * Memory is one items-by-items float matrix plus, on the item side, two of doubles during training.
 */
public final class EaseTrainer implements Trainer {

    /** The largest catalogue whose items-by-items matrix still fits one Java array. */
    public static final int MAX_ITEMS = 46_340;
    private static final int ROWS_PER_CHUNK = 32;

    private final EaseParams params;

    public EaseTrainer(EaseParams params) {
        this.params = params;
    }

    @Override
    public String kind() {
        return EaseModel.KIND;
    }

    @Override
    public String describe() {
        return params.describe();
    }

    @Override
    public EaseModel train(Interactions data) {
        int n = data.itemCount();
        if (n > MAX_ITEMS) {
            throw new IllegalArgumentException("EASE supports at most " + MAX_ITEMS + " items; this data has " + n
                    + " (use ALS or item-kNN for larger catalogues)");
        }
        try (Parallel parallel = new Parallel(params.threads())) {
            float[] weights = data.userCount() < n ? fromVisitorSide(data, parallel) : fromItemSide(data, parallel);
            return new EaseModel(data.items(), params, weights);
        }
    }

    private float[] fromItemSide(Interactions data, Parallel parallel) {
        int n = data.itemCount();
        DMatrixRMaj gram = new DMatrixRMaj(n, n);
        double[] g = gram.data;
        parallel.forEachChunk(Parallel.chunks(n, ROWS_PER_CHUNK), chunk -> {
            int end = Math.min(n, (chunk + 1) * ROWS_PER_CHUNK);
            for (int item = chunk * ROWS_PER_CHUNK; item < end; item++) {
                addCoOccurrences(data, item, g, (long) item * n);
                g[item * n + item] += params.regularization();
            }
        });
        DMatrixRMaj inverse = invert(gram);
        double[] p = inverse.data;
        float[] weights = new float[n * n];
        parallel.forEachChunk(Parallel.chunks(n, ROWS_PER_CHUNK), chunk -> {
            int end = Math.min(n, (chunk + 1) * ROWS_PER_CHUNK);
            for (int i = chunk * ROWS_PER_CHUNK; i < end; i++) {
                for (int j = 0; j < n; j++) {
                    weights[i * n + j] = i == j ? 0 : (float) (-p[i * n + j] / p[j * n + j]);
                }
            }
        });
        return weights;
    }

    /** Adds row {@code item} of X'X: for each visitor of the item, their other items. */
    private static void addCoOccurrences(Interactions data, int item, double[] target, long rowOffset) {
        int[] userStart = data.userStart();
        int[] userItems = data.userItems();
        float[] userValues = data.userValues();
        int[] itemStart = data.itemStart();
        for (int p = itemStart[item]; p < itemStart[item + 1]; p++) {
            int user = data.itemUsers()[p];
            double value = data.itemValues()[p];
            for (int q = userStart[user]; q < userStart[user + 1]; q++) {
                target[(int) (rowOffset + userItems[q])] += value * userValues[q];
            }
        }
    }

    private float[] fromVisitorSide(Interactions data, Parallel parallel) {
        int users = data.userCount();
        int n = data.itemCount();
        DMatrixRMaj kernel = new DMatrixRMaj(users, users);
        double[] k = kernel.data;
        int[] userStart = data.userStart();
        int[] userItems = data.userItems();
        float[] userValues = data.userValues();
        int[] itemStart = data.itemStart();
        int[] itemUsers = data.itemUsers();
        float[] itemValues = data.itemValues();
        parallel.forEachChunk(Parallel.chunks(users, ROWS_PER_CHUNK), chunk -> {
            int end = Math.min(users, (chunk + 1) * ROWS_PER_CHUNK);
            for (int u = chunk * ROWS_PER_CHUNK; u < end; u++) {
                for (int q = userStart[u]; q < userStart[u + 1]; q++) {
                    int item = userItems[q];
                    double value = userValues[q];
                    for (int p = itemStart[item]; p < itemStart[item + 1]; p++) {
                        k[u * users + itemUsers[p]] += value * itemValues[p];
                    }
                }
                k[u * users + u] += params.regularization();
            }
        });
        double[] m = invert(kernel).data;
        // mx = M X, visitors by items
        double[] mx = new double[users * n];
        parallel.forEachChunk(Parallel.chunks(users, ROWS_PER_CHUNK), chunk -> {
            int end = Math.min(users, (chunk + 1) * ROWS_PER_CHUNK);
            for (int u = chunk * ROWS_PER_CHUNK; u < end; u++) {
                int row = u * n;
                for (int v = 0; v < users; v++) {
                    double weight = m[u * users + v];
                    for (int q = userStart[v]; q < userStart[v + 1]; q++) {
                        mx[row + userItems[q]] += weight * userValues[q];
                    }
                }
            }
        });
        // q = X' M X; P = (I - q) / lambda, so B_ij = q_ij / (1 - q_jj) off the diagonal
        double[] diagonal = new double[n];
        for (int j = 0; j < n; j++) {
            for (int p = itemStart[j]; p < itemStart[j + 1]; p++) {
                diagonal[j] += itemValues[p] * mx[itemUsers[p] * n + j];
            }
        }
        float[] weights = new float[n * n];
        parallel.forEachChunk(Parallel.chunks(n, ROWS_PER_CHUNK), chunk -> {
            double[] row = new double[n];
            int end = Math.min(n, (chunk + 1) * ROWS_PER_CHUNK);
            for (int i = chunk * ROWS_PER_CHUNK; i < end; i++) {
                java.util.Arrays.fill(row, 0);
                for (int p = itemStart[i]; p < itemStart[i + 1]; p++) {
                    double value = itemValues[p];
                    int offset = itemUsers[p] * n;
                    for (int j = 0; j < n; j++) {
                        row[j] += value * mx[offset + j];
                    }
                }
                for (int j = 0; j < n; j++) {
                    weights[i * n + j] = i == j ? 0 : (float) (row[j] / (1 - diagonal[j]));
                }
            }
        });
        return weights;
    }

    private DMatrixRMaj invert(DMatrixRMaj matrix) {
        int size = matrix.numRows;
        LinearSolverDense<DMatrixRMaj> solver = params.threads() > 1
                ? LinearSolverFactory_MT_DDRM.symmPosDef(size) : LinearSolverFactory_DDRM.symmPosDef(size);
        if (!solver.setA(matrix)) {
            throw new IllegalStateException("the regularised Gram matrix is not positive definite (lambda "
                    + params.regularization() + ")");
        }
        DMatrixRMaj inverse = new DMatrixRMaj(size, size);
        solver.invert(inverse);
        return inverse;
    }
}
