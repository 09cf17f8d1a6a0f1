package dev.grat.bench.spark.worker;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Each user's best k items by the dot product of Spark's user and item factors (what
 * {@code ALSModel.recommendForAllUsers} ranks by), with the user's training items removed. It is computed here on
 * the collected factors because Spark's own method cannot leave out seen items: it would have to return k plus
 * the longest history for every user.
 */
final class TopLists {

    private TopLists() {
    }

    /**
     * Writes one line per user: {@code user<TAB>item<TAB>item...}, best first.
     *
     * @param userFactors dense user id to factors (null when Spark has none for the user)
     * @param itemFactors dense item id to factors (null when Spark has none for the item)
     */
    static void write(Path out, TrainingData data, float[][] userFactors, float[][] itemFactors, int k)
            throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (int user = 0; user < data.userCount(); user++) {
                if (userFactors[user] == null) {
                    continue;
                }
                writer.write(data.userId(user));
                for (int item : best(data, user, userFactors[user], itemFactors, k)) {
                    writer.write('\t');
                    writer.write(data.itemId(item));
                }
                writer.newLine();
            }
        }
    }

    /** The k best unseen items, best first; ties go to the lower item id. */
    static int[] best(TrainingData data, int user, float[] factors, float[][] itemFactors, int k) {
        int[] items = new int[k];
        float[] scores = new float[k];
        int size = 0;
        for (int item = 0; item < itemFactors.length; item++) {
            if (itemFactors[item] == null || data.hasSeen(user, item)) {
                continue;
            }
            float score = dot(factors, itemFactors[item]);
            if (size == k && score <= scores[k - 1]) {
                continue;
            }
            int at = size < k ? size++ : k - 1;
            while (at > 0 && scores[at - 1] < score) {
                scores[at] = scores[at - 1];
                items[at] = items[at - 1];
                at--;
            }
            scores[at] = score;
            items[at] = item;
        }
        return java.util.Arrays.copyOf(items, size);
    }

    private static float dot(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
