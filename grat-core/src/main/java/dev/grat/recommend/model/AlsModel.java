package dev.grat.recommend.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * A trained implicit-ALS model: item factors only. A visitor is scored by folding them in: their factors are
 * solved exactly from their history against the fixed item factors (one k-by-k Cholesky solve), so a new,
 * anonymous or session-only visitor is personalised from the first interaction.
 */
public final class AlsModel implements TrainedModel {

    static final String KIND = "als";
    private static final int SCORE_BLOCK = 2048;
    private static final int GRAMIAN_BLOCK = 1024;

    private final IdIndex items;
    private final AlsParams params;
    private final int k;
    private final float[] itemFactors;
    /** Half-precision, factor-major copy of the item factors, for scoring (see {@link #scoresFor}). */
    private final short[] byFactor;
    private final double[] gramian;
    private final float[] norms;

    AlsModel(IdIndex items, AlsParams params, float[] itemFactors) {
        if (itemFactors.length != items.size() * params.factors()) {
            throw new IllegalArgumentException("itemFactors must hold " + items.size() + " x " + params.factors()
                    + " values, held " + itemFactors.length);
        }
        this.items = items;
        this.params = params;
        this.k = params.factors();
        this.itemFactors = itemFactors;
        this.byFactor = transposeToHalf(itemFactors, items.size(), k);
        this.gramian = gramianOf(itemFactors, items.size(), k);
        this.norms = normsOf(itemFactors, items.size(), k);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String describe() {
        return params.describe();
    }

    @Override
    public IdIndex items() {
        return items;
    }

    public AlsParams params() {
        return params;
    }

    /** The factors of one item (a copy). */
    public float[] itemFactors(int item) {
        float[] copy = new float[k];
        System.arraycopy(itemFactors, checked(item) * k, copy, 0, k);
        return copy;
    }

    @Override
    public float[] scores(UserHistory history) {
        return scoresFor(foldIn(history));
    }

    /**
     * The visitor's factors solved from their history alone against the item factors, exactly as a training
     * user's would be in one more sweep: {@code (alpha0 G + sum (c - alpha0) y y' + lambda I) x = sum c y}.
     */
    public float[] foldIn(UserHistory history) {
        float[] result = new float[k];
        if (history.isEmpty()) {
            return result;
        }
        double alpha0 = params.unobservedWeight();
        double[] a = new double[k * k];
        double[] b = new double[k];
        for (int i = 0; i < a.length; i++) {
            a[i] = alpha0 * gramian[i];
        }
        double lambda = params.rowRegularization(history.size(), items.size());
        for (int i = 0; i < k; i++) {
            a[i * k + i] += lambda;
        }
        for (int p = 0; p < history.size(); p++) {
            int offset = checked(history.item(p)) * k;
            double confidence = 1 + params.alpha() * history.weight(p);
            double extra = confidence - alpha0;
            for (int x = 0; x < k; x++) {
                double yx = itemFactors[offset + x];
                b[x] += confidence * yx;
                double scaled = extra * yx;
                int row = x * k;
                for (int y = 0; y <= x; y++) {
                    a[row + y] += scaled * itemFactors[offset + y];
                }
            }
        }
        Cholesky.solveInPlace(a, b, k);
        for (int i = 0; i < k; i++) {
            result[i] = (float) b[i];
        }
        return result;
    }

    /**
     * Scores of every item for these user factors: one blocked pass over a factor-major copy of the item
     * factors, as an axpy loop the JIT vectorises. Scoring a large catalogue is bound by memory bandwidth
     * (100,000 items x 64 factors is 25.6 MB in floats), so the copy is kept in half precision, which reads
     * half the bytes and measured three times faster; its rounding (relative 2^-11 per factor) can only
     * reorder items whose scores nearly tie. Fold-in uses the full-precision factors.
     */
    public float[] scoresFor(float[] userFactors) {
        if (userFactors.length != k) {
            throw new IllegalArgumentException("userFactors must have " + k + " values, had " + userFactors.length);
        }
        int n = items.size();
        float[] out = new float[n];
        for (int from = 0; from < n; from += SCORE_BLOCK) {
            int to = Math.min(n, from + SCORE_BLOCK);
            for (int f = 0; f < k; f++) {
                float weight = userFactors[f];
                int base = f * n;
                for (int i = from; i < to; i++) {
                    out[i] += weight * Float.float16ToFloat(byFactor[base + i]);
                }
            }
        }
        return out;
    }

    /** Cosine similarity of item factors. */
    @Override
    public float[] similarTo(int item) {
        float[] scores = scoresFor(itemFactors(checked(item)));
        float own = norms[item];
        for (int i = 0; i < scores.length; i++) {
            float denominator = own * norms[i];
            scores[i] = denominator > 0 ? scores[i] / denominator : 0;
        }
        return scores;
    }

    private int checked(int item) {
        if (item < 0 || item >= items.size()) {
            throw new IllegalArgumentException("item index " + item + " is outside the model's " + items.size() + " items");
        }
        return item;
    }

    void writePayload(DataOutputStream out) throws IOException {
        out.writeInt(params.factors());
        out.writeInt(params.iterations());
        out.writeDouble(params.regularization());
        out.writeDouble(params.alpha());
        out.writeDouble(params.unobservedWeight());
        out.writeDouble(params.frequencyScaling());
        out.writeInt(params.cgSteps());
        out.writeLong(params.seed());
        out.writeInt(params.threads());
        BinaryArrays.writeFloats(out, itemFactors);
    }

    static AlsModel readPayload(DataInputStream in, IdIndex items) throws IOException {
        AlsParams params = new AlsParams(in.readInt(), in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(),
                in.readDouble(), in.readInt(), in.readLong(), in.readInt());
        float[] factors = BinaryArrays.readFloats(in, (long) items.size() * params.factors(), "item factors");
        return new AlsModel(items, params, factors);
    }

    private static short[] transposeToHalf(float[] rowMajor, int rows, int k) {
        short[] out = new short[rowMajor.length];
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < k; f++) {
                out[f * rows + r] = Float.floatToFloat16(rowMajor[r * k + f]);
            }
        }
        return out;
    }

    /** G = F' F, summed in float over blocks of rows by the training kernels and across blocks in double. */
    private static double[] gramianOf(float[] factors, int rows, int k) {
        FactorKernels kernels = FactorKernels.forCalls((long) rows * k / 4);
        double[] g = new double[k * k];
        float[] block = new float[k * k];
        for (int from = 0; from < rows; from += GRAMIAN_BLOCK) {
            Arrays.fill(block, 0);
            kernels.addOuterProducts(factors, from, Math.min(rows, from + GRAMIAN_BLOCK), k, block);
            for (int i = 0; i < g.length; i++) {
                g[i] += block[i];
            }
        }
        return g;
    }

    private static float[] normsOf(float[] factors, int rows, int k) {
        float[] out = new float[rows];
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int f = 0; f < k; f++) {
                float v = factors[r * k + f];
                sum += v * v;
            }
            out[r] = (float) Math.sqrt(sum);
        }
        return out;
    }
}
