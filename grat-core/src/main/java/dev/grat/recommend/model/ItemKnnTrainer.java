package dev.grat.recommend.model;

/**
 * Item-kNN: the similarity of two items is the cosine of their visitor columns with shrinkage,
 * {@code sim(i,j) = (r_i . r_j) / (|r_i| |r_j| + shrinkage)}; each item keeps its best neighbours.
 */
public final class ItemKnnTrainer implements Trainer {

    private static final int ITEMS_PER_CHUNK = 64;

    private final ItemKnnParams params;

    public ItemKnnTrainer(ItemKnnParams params) {
        this.params = params;
    }

    @Override
    public String kind() {
        return ItemKnnModel.KIND;
    }

    @Override
    public String describe() {
        return params.describe();
    }

    @Override
    public ItemKnnModel train(Interactions data) {
        int n = data.itemCount();
        double[] norms = columnNorms(data);
        int[][] neighborItems = new int[n][];
        float[][] neighborScores = new float[n][];
        try (Parallel parallel = new Parallel(params.threads())) {
            parallel.forEachChunk(Parallel.chunks(n, ITEMS_PER_CHUNK), chunk -> {
                double[] dots = new double[n];
                int[] touched = new int[n];
                float[] similarity = new float[n];
                int end = Math.min(n, (chunk + 1) * ITEMS_PER_CHUNK);
                for (int item = chunk * ITEMS_PER_CHUNK; item < end; item++) {
                    int count = dotsWithOthers(data, item, dots, touched);
                    for (int t = 0; t < count; t++) {
                        int other = touched[t];
                        double denominator = norms[item] * norms[other] + params.shrinkage();
                        similarity[other] = denominator > 0 ? (float) (dots[other] / denominator) : 0;
                        dots[other] = 0;
                    }
                    keepBest(item, touched, count, similarity, neighborItems, neighborScores);
                }
            });
        }
        return ItemKnnModel.of(data.items(), params, neighborItems, neighborScores);
    }

    /** Accumulates r_item . r_other for every other item sharing a visitor; returns how many were touched. */
    private static int dotsWithOthers(Interactions data, int item, double[] dots, int[] touched) {
        int[] itemStart = data.itemStart();
        int[] itemUsers = data.itemUsers();
        float[] itemValues = data.itemValues();
        int[] userStart = data.userStart();
        int[] userItems = data.userItems();
        float[] userValues = data.userValues();
        int count = 0;
        for (int p = itemStart[item]; p < itemStart[item + 1]; p++) {
            int user = itemUsers[p];
            double value = itemValues[p];
            for (int q = userStart[user]; q < userStart[user + 1]; q++) {
                int other = userItems[q];
                if (other == item) {
                    continue;
                }
                if (dots[other] == 0) {
                    touched[count++] = other;
                }
                dots[other] += value * userValues[q];
            }
        }
        return count;
    }

    private void keepBest(int item, int[] touched, int count, float[] similarity, int[][] neighborItems,
                          float[][] neighborScores) {
        float[] candidates = new float[count];
        for (int t = 0; t < count; t++) {
            candidates[t] = similarity[touched[t]];
        }
        int[] best = TopK.select(candidates, params.neighbors(), t -> candidates[t] <= 0);
        int[] items = new int[best.length];
        float[] scores = new float[best.length];
        for (int b = 0; b < best.length; b++) {
            items[b] = touched[best[b]];
            scores[b] = candidates[best[b]];
        }
        neighborItems[item] = items;
        neighborScores[item] = scores;
    }

    private static double[] columnNorms(Interactions data) {
        double[] norms = new double[data.itemCount()];
        int[] start = data.itemStart();
        float[] values = data.itemValues();
        for (int item = 0; item < norms.length; item++) {
            double sum = 0;
            for (int p = start[item]; p < start[item + 1]; p++) {
                sum += (double) values[p] * values[p];
            }
            norms[item] = Math.sqrt(sum);
        }
        return norms;
    }
}
