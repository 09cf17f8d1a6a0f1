package dev.grat.recommend.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A trained item-kNN model: each item's best neighbours and similarities, in compressed rows. A visitor's
 * score for an item is the sum, over their history, of interaction strength times similarity.
 */
public final class ItemKnnModel implements TrainedModel {

    static final String KIND = "item-knn";

    private final IdIndex items;
    private final ItemKnnParams params;
    private final int[] start;
    private final int[] neighbors;
    private final float[] similarities;

    private ItemKnnModel(IdIndex items, ItemKnnParams params, int[] start, int[] neighbors, float[] similarities) {
        if (start.length != items.size() + 1 || neighbors.length != similarities.length
                || start[items.size()] != neighbors.length) {
            throw new IllegalArgumentException("neighbour arrays do not match " + items.size() + " items");
        }
        for (int i = 0; i < items.size(); i++) {
            if (start[i] > start[i + 1] || start[0] != 0) {
                throw new IllegalArgumentException("neighbour offsets must start at 0 and never decrease (item " + i + ")");
            }
        }
        this.items = items;
        this.params = params;
        this.start = start;
        this.neighbors = neighbors;
        this.similarities = similarities;
    }

    static ItemKnnModel of(IdIndex items, ItemKnnParams params, int[][] neighborItems, float[][] neighborScores) {
        int[] start = new int[items.size() + 1];
        for (int i = 0; i < items.size(); i++) {
            start[i + 1] = start[i] + neighborItems[i].length;
        }
        int[] flatItems = new int[start[items.size()]];
        float[] flatScores = new float[flatItems.length];
        for (int i = 0; i < items.size(); i++) {
            System.arraycopy(neighborItems[i], 0, flatItems, start[i], neighborItems[i].length);
            System.arraycopy(neighborScores[i], 0, flatScores, start[i], neighborScores[i].length);
        }
        return new ItemKnnModel(items, params, start, flatItems, flatScores);
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

    /** The similarity of {@code other} to {@code item} as kept by the model; 0 when it is not a neighbour. */
    public float similarity(int item, int other) {
        for (int p = start[item]; p < start[item + 1]; p++) {
            if (neighbors[p] == other) {
                return similarities[p];
            }
        }
        return 0;
    }

    @Override
    public float[] scores(UserHistory history) {
        float[] out = new float[items.size()];
        for (int h = 0; h < history.size(); h++) {
            int item = history.item(h);
            if (item >= items.size()) {
                throw new IllegalArgumentException("item index " + item + " is outside the model's " + items.size() + " items");
            }
            float weight = history.weight(h);
            for (int p = start[item]; p < start[item + 1]; p++) {
                out[neighbors[p]] += weight * similarities[p];
            }
        }
        return out;
    }

    void writePayload(DataOutputStream out) throws IOException {
        out.writeInt(params.neighbors());
        out.writeDouble(params.shrinkage());
        out.writeInt(params.threads());
        BinaryArrays.writeInts(out, start);
        BinaryArrays.writeInts(out, neighbors);
        BinaryArrays.writeFloats(out, similarities);
    }

    static ItemKnnModel readPayload(DataInputStream in, IdIndex items) throws IOException {
        ItemKnnParams params = new ItemKnnParams(in.readInt(), in.readDouble(), in.readInt());
        int[] start = BinaryArrays.readInts(in, items.size() + 1L, "neighbour offsets");
        if (start[items.size()] < 0) {
            throw new IOException("corrupt model file: negative neighbour count");
        }
        int[] neighbors = BinaryArrays.readInts(in, start[items.size()], "neighbours");
        float[] similarities = BinaryArrays.readFloats(in, neighbors.length, "similarities");
        for (int neighbor : neighbors) {
            if (neighbor < 0 || neighbor >= items.size()) {
                throw new IOException("corrupt model file: neighbour index " + neighbor + " outside " + items.size() + " items");
            }
        }
        return new ItemKnnModel(items, params, start, neighbors, similarities);
    }
}
