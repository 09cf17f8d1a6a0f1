package dev.grat.recommend.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * A trained implicit-ALS model: item factors only. A visitor is scored by folding them in: their factors are
 * solved exactly from their history against the fixed item factors (one k-by-k Cholesky solve), so a new,
 * anonymous or session-only visitor is personalised from the first interaction.
 */
public final class AlsModel implements TrainedModel {

    static final String KIND = "als";
    /** Items per scoring block: small enough to stop early at a fine grain, wide enough for long vector loops. */
    private static final int SCORE_BLOCK = 256;
    private static final int GRAMIAN_BLOCK = 1024;

    private final IdIndex items;
    private final AlsParams params;
    private final int k;
    private final float[] itemFactors;
    /** The scoring layout's positions: {@code order[p]} is the item at position p, largest factors first. */
    private final int[] order;
    /**
     * Half-precision copy of the item factors in {@link #order}, for scoring (see {@link #scoresFor}): block after
     * block of {@link #SCORE_BLOCK} positions, factor-major within a block (so one block is one sequential read),
     * the last block padded with zeros.
     */
    private final short[] blocks;
    /** The norm of each position's half-precision factors, rounded up: non-increasing (see {@link #best}). */
    private final float[] halfNorms;
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
        this.norms = normsOf(itemFactors, items.size(), k);
        this.order = largestFirst(norms);
        this.blocks = toHalfBlocks(itemFactors, order, k);
        this.halfNorms = halfNormsOf(blocks, items.size(), k);
        this.gramian = gramianOf(itemFactors, items.size(), k);
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
     * Scores of every item for these user factors: one pass over the blocked copy of the item factors, an
     * axpy loop per factor and block that the JIT vectorises. Scoring a large catalogue is bound by memory bandwidth
     * (100,000 items x 64 factors is 25.6 MB in floats), so the copy is kept in half precision, which reads
     * half the bytes and measured three times faster; its rounding (relative 2^-11 per factor) can only
     * reorder items whose scores nearly tie. Fold-in uses the full-precision factors.
     */
    public float[] scoresFor(float[] userFactors) {
        checkUserFactors(userFactors);
        int n = items.size();
        float[] out = new float[n];
        float[] block = new float[SCORE_BLOCK];
        for (int from = 0; from < n; from += SCORE_BLOCK) {
            scoreBlock(userFactors, from, block);
            int to = Math.min(n, from + SCORE_BLOCK);
            for (int p = from; p < to; p++) {
                out[order[p]] = block[p - from];
            }
        }
        return out;
    }

    @Override
    public TopK.Picks best(UserHistory history, int count, IntPredicate skip) {
        return best(foldIn(history), count, skip);
    }

    /**
     * The {@code count} best items for these user factors with their scores, best first, leaving out those
     * {@code skip} accepts: exactly {@code TopK.select(scoresFor(userFactors), count, skip)}, without scoring every
     * item. Positions are ordered by the norm of their factors, largest first, and no item can score more than
     * {@code |user| |item|} (Cauchy-Schwarz), so the scan stops at the first block whose largest norm cannot reach
     * the worst score kept. In a trained model the long tail's factors are small, so most of it is never read.
     */
    public TopK.Picks best(float[] userFactors, int count, IntPredicate skip) {
        checkUserFactors(userFactors);
        int n = items.size();
        TopK top = new TopK(Math.min(count, n));
        if (count == 0) {
            return top.result();
        }
        double reach = Math.sqrt(squaredNorm(userFactors)) * (1 + (k + 2) * 0x1p-21);
        float[] block = new float[SCORE_BLOCK];
        for (int from = 0; from < n; from += SCORE_BLOCK) {
            if (top.isFull() && cannotReach(reach * halfNorms[from], top.worstScore())) {
                break;
            }
            scoreBlock(userFactors, from, block);
            int to = Math.min(n, from + SCORE_BLOCK);
            for (int p = from; p < to; p++) {
                int item = order[p];
                if (!skip.test(item)) {
                    top.offer(item, block[p - from]);
                }
            }
        }
        return top.result();
    }

    /**
     * Whether no item whose exact score is at most {@code bound} can be kept over {@code worst}. The bound's slack
     * ({@code (k + 2) 2^-21}, relative) covers the float rounding of a k-term sum many times over, and the absolute
     * term covers products that underflow; an infinite worst score could be tied, so it never stops the scan.
     */
    private boolean cannotReach(double bound, float worst) {
        return Float.isFinite(worst) && bound + k * (double) Float.MIN_NORMAL < worst;
    }

    /** {@code block} = the scores of the block of positions starting at {@code from}, summed over factors in order. */
    private void scoreBlock(float[] userFactors, int from, float[] block) {
        Arrays.fill(block, 0f);
        int base = from * k;
        for (int f = 0; f < k; f++) {
            float weight = userFactors[f];
            int row = base + f * SCORE_BLOCK;
            for (int i = 0; i < SCORE_BLOCK; i++) {
                block[i] += weight * Float.float16ToFloat(blocks[row + i]);
            }
        }
    }

    private void checkUserFactors(float[] userFactors) {
        if (userFactors.length != k) {
            throw new IllegalArgumentException("userFactors must have " + k + " values, had " + userFactors.length);
        }
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

    /** Item indices by the norm of their factors, largest first, ties by index. */
    private static int[] largestFirst(float[] norms) {
        return java.util.stream.IntStream.range(0, norms.length).boxed()
                .sorted(java.util.Comparator.<Integer>comparingDouble(i -> -norms[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    private static short[] toHalfBlocks(float[] rowMajor, int[] order, int k) {
        int rows = order.length;
        int padded = (rows + SCORE_BLOCK - 1) / SCORE_BLOCK * SCORE_BLOCK;
        short[] out = new short[padded * k];
        for (int p = 0; p < rows; p++) {
            int r = order[p];
            int start = halfIndex(p, 0, k);
            for (int f = 0; f < k; f++) {
                out[start + f * SCORE_BLOCK] = Float.floatToFloat16(rowMajor[r * k + f]);
            }
        }
        return out;
    }

    /** Where factor {@code f} of position {@code p} is in the blocked half-precision copy. */
    private static int halfIndex(int p, int f, int k) {
        return (p - p % SCORE_BLOCK) * k + f * SCORE_BLOCK + p % SCORE_BLOCK;
    }

    /**
     * The norm of each position's half-precision factors, rounded up to a float, then made non-increasing: the
     * half-precision rounding can break the order of the full-precision norms by a hair, and the bound must hold.
     */
    private static float[] halfNormsOf(short[] blocks, int rows, int k) {
        float[] out = new float[rows];
        for (int p = rows - 1; p >= 0; p--) {
            double sum = 0;
            for (int f = 0; f < k; f++) {
                double v = Float.float16ToFloat(blocks[halfIndex(p, f, k)]);
                sum += v * v;
            }
            float norm = Math.nextUp((float) Math.sqrt(sum));
            out[p] = p == rows - 1 ? norm : Math.max(norm, out[p + 1]);
        }
        return out;
    }

    private static double squaredNorm(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        return sum;
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
