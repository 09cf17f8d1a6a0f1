package dev.grat.recommend.model;

import dev.grat.profile.Interaction;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a model knows of one visitor at request time: the model indices of the items they interacted with and
 * how strongly. Nothing else of the visitor is needed, so a visitor whose data is never stored can be scored.
 *
 * @param items   model item indices
 * @param weights interaction strength of each item, positive
 */
public record UserHistory(int[] items, float[] weights) {

    public UserHistory {
        if (items == null || weights == null) {
            throw new IllegalArgumentException("items and weights must not be null");
        }
        if (items.length != weights.length) {
            throw new IllegalArgumentException("items and weights must have the same length, were "
                    + items.length + " and " + weights.length);
        }
        for (int i = 0; i < items.length; i++) {
            if (items[i] < 0) {
                throw new IllegalArgumentException("items[" + i + "] must not be negative, was " + items[i]);
            }
            if (!(weights[i] > 0) || !Float.isFinite(weights[i])) {
                throw new IllegalArgumentException("weights[" + i + "] must be positive and finite, was " + weights[i]);
            }
        }
        items = items.clone();
        weights = weights.clone();
    }

    /** A history of these items, each with strength 1. */
    public static UserHistory of(int... items) {
        float[] ones = new float[items.length];
        Arrays.fill(ones, 1f);
        return new UserHistory(items, ones);
    }

    /** A visitor the model knows nothing of. */
    public static UserHistory empty() {
        return new UserHistory(new int[0], new float[0]);
    }

    /**
     * The history of a visitor's recent interactions (for example {@code ProfileView.recent()}), mapped onto a
     * model's items: weights per event type add up per item; items the model does not know are skipped.
     */
    public static UserHistory fromInteractions(List<Interaction> recent, IdIndex modelItems, EventWeights weights) {
        Map<Integer, Double> strength = new LinkedHashMap<>();
        for (Interaction interaction : recent) {
            int index = modelItems.find(interaction.itemId());
            double weight = weights.weightOf(interaction.type());
            if (index >= 0 && weight > 0) {
                strength.merge(index, weight, Double::sum);
            }
        }
        int[] items = new int[strength.size()];
        float[] values = new float[strength.size()];
        int n = 0;
        for (Map.Entry<Integer, Double> entry : strength.entrySet()) {
            items[n] = entry.getKey();
            values[n++] = (float) Math.min(entry.getValue(), weights.maxPerItem());
        }
        return new UserHistory(items, values);
    }

    public int size() {
        return items.length;
    }

    public boolean isEmpty() {
        return items.length == 0;
    }

    /** The item index at a position; avoids copying the array in hot loops. */
    public int item(int position) {
        return items[position];
    }

    public float weight(int position) {
        return weights[position];
    }

    @Override
    public int[] items() {
        return items.clone();
    }

    @Override
    public float[] weights() {
        return weights.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UserHistory that && Arrays.equals(items, that.items)
                && Arrays.equals(weights, that.weights);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(items) + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "UserHistory[size=" + items.length + "]";
    }
}
