package dev.grat.recommend;

import dev.grat.recommend.model.AlsModel;
import dev.grat.recommend.model.TrainedModel;
import dev.grat.recommend.model.UserHistory;

/**
 * For the reason of a learned pick: the product of the visitor's history whose item factors are closest (cosine)
 * to the pick's. The history's factors and norms are read once per request, not once per pick: with 50 picks and a
 * long history that was thousands of copies of the factors.
 */
final class ClosestInHistory {

    private final TrainedModel model;
    private final UserHistory history;
    private float[][] factors;
    private double[] norms;

    ClosestInHistory(TrainedModel model, UserHistory history) {
        this.model = model;
        this.history = history;
    }

    /** The model index of the history's product closest to {@code pick}; the first one for models without factors. */
    int closestTo(int pick) {
        int closest = history.item(0);
        if (!(model instanceof AlsModel als)) {
            return closest;
        }
        load(als);
        float[] target = als.itemFactors(pick);
        double targetNorm = squaredNorm(target);
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < history.size(); i++) {
            double similarity = cosine(target, targetNorm, factors[i], norms[i]);
            if (similarity > best) {
                best = similarity;
                closest = history.item(i);
            }
        }
        return closest;
    }

    private void load(AlsModel als) {
        if (factors != null) {
            return;
        }
        factors = new float[history.size()][];
        norms = new double[history.size()];
        for (int i = 0; i < history.size(); i++) {
            factors[i] = als.itemFactors(history.item(i));
            norms[i] = squaredNorm(factors[i]);
        }
    }

    // The same sums, in the same order, as one loop over dot and both norms: the same similarity to the last bit.
    private static double cosine(float[] a, double na, float[] b, double nb) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    private static double squaredNorm(float[] a) {
        double sum = 0;
        for (float v : a) {
            sum += v * v;
        }
        return sum;
    }
}
