package dev.grat.bench.spark.worker;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A training file read for Spark: external ids mapped to the dense int ids Spark's ALS needs, each (user, item)
 * pair once with strength 1 (every interaction is an implicit positive, as {@code grat eval} reads a split
 * without {@code --weighted}), and each user's items, to remove from their recommendations.
 */
final class TrainingData {

    private final List<String> userIds = new ArrayList<>();
    private final List<String> itemIds = new ArrayList<>();
    private final Map<String, Integer> userIndex = new HashMap<>();
    private final Map<String, Integer> itemIndex = new HashMap<>();
    private final List<Set<Integer>> seen = new ArrayList<>();
    private final List<int[]> pairs = new ArrayList<>();

    static TrainingData read(Path file) throws IOException {
        TrainingData data = new TrainingData();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split("\t");
                if (fields.length < 2 || fields[0].isBlank() || fields[1].isBlank()) {
                    throw new IllegalArgumentException(file + " line " + number + ": expected user<TAB>item<TAB>"
                            + "weight<TAB>timestamp");
                }
                data.add(fields[0].trim(), fields[1].trim());
            }
        }
        if (data.pairs.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no interactions");
        }
        return data;
    }

    private void add(String user, String item) {
        int u = userIndex.computeIfAbsent(user, id -> {
            userIds.add(id);
            seen.add(new HashSet<>());
            return userIds.size() - 1;
        });
        int i = itemIndex.computeIfAbsent(item, id -> {
            itemIds.add(id);
            return itemIds.size() - 1;
        });
        if (seen.get(u).add(i)) {
            pairs.add(new int[] {u, i});
        }
    }

    /** Distinct (user, item) pairs as dense ids. */
    List<int[]> pairs() {
        return pairs;
    }

    int userCount() {
        return userIds.size();
    }

    int itemCount() {
        return itemIds.size();
    }

    String userId(int user) {
        return userIds.get(user);
    }

    String itemId(int item) {
        return itemIds.get(item);
    }

    boolean hasSeen(int user, int item) {
        return seen.get(user).contains(item);
    }
}
