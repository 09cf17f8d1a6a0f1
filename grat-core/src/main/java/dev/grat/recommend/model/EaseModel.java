package dev.grat.recommend.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** A trained EASE model: the dense item-item weight matrix B (zero diagonal); scores are the history times B. */
public final class EaseModel implements TrainedModel {

    static final String KIND = "ease";

    private final IdIndex items;
    private final EaseParams params;
    private final float[] weights;

    EaseModel(IdIndex items, EaseParams params, float[] weights) {
        if (weights.length != items.size() * items.size()) {
            throw new IllegalArgumentException("weights must hold " + items.size() + " x " + items.size()
                    + " values, held " + weights.length);
        }
        this.items = items;
        this.params = params;
        this.weights = weights;
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

    /** B_ij: how much interacting with item i speaks for item j. */
    public float weight(int i, int j) {
        return weights[i * items.size() + j];
    }

    @Override
    public float[] scores(UserHistory history) {
        int n = items.size();
        float[] out = new float[n];
        for (int h = 0; h < history.size(); h++) {
            int item = history.item(h);
            if (item >= n) {
                throw new IllegalArgumentException("item index " + item + " is outside the model's " + n + " items");
            }
            float strength = history.weight(h);
            int offset = item * n;
            for (int j = 0; j < n; j++) {
                out[j] += strength * weights[offset + j];
            }
        }
        return out;
    }

    void writePayload(DataOutputStream out) throws IOException {
        out.writeDouble(params.regularization());
        out.writeInt(params.threads());
        BinaryArrays.writeFloats(out, weights);
    }

    static EaseModel readPayload(DataInputStream in, IdIndex items) throws IOException {
        EaseParams params = new EaseParams(in.readDouble(), in.readInt());
        long n = items.size();
        return new EaseModel(items, params, BinaryArrays.readFloats(in, n * n, "item weights"));
    }
}
