package dev.grat.recommend.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** The baseline: every visitor gets the items most visitors interacted with. Also the fallback for cold visitors. */
public final class PopularityModel implements TrainedModel {

    static final String KIND = "popularity";

    private final IdIndex items;
    private final float[] visitors;

    private PopularityModel(IdIndex items, float[] visitors) {
        this.items = items;
        this.visitors = visitors;
    }

    /** Counts, per item, the distinct visitors who interacted with it (robust to one visitor's many events). */
    public static PopularityModel train(Interactions data) {
        float[] counts = new float[data.itemCount()];
        for (int item = 0; item < counts.length; item++) {
            counts[item] = data.itemDegree(item);
        }
        return new PopularityModel(data.items(), counts);
    }

    /** A trainer for use where a {@link Trainer} is expected. */
    public static Trainer trainer() {
        return new Trainer() {
            @Override
            public String kind() {
                return KIND;
            }

            @Override
            public String describe() {
                return "distinct visitors per item";
            }

            @Override
            public TrainedModel train(Interactions data) {
                return PopularityModel.train(data);
            }
        };
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String describe() {
        return "distinct visitors per item";
    }

    @Override
    public IdIndex items() {
        return items;
    }

    @Override
    public float[] scores(UserHistory history) {
        return visitors.clone();
    }

    void writePayload(DataOutputStream out) throws IOException {
        BinaryArrays.writeFloats(out, visitors);
    }

    static PopularityModel readPayload(DataInputStream in, IdIndex items) throws IOException {
        return new PopularityModel(items, BinaryArrays.readFloats(in, items.size(), "popularity counts"));
    }
}
