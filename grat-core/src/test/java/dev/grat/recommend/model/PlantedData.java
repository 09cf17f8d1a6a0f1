package dev.grat.recommend.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Synthetic interactions with a planted low-rank structure: users and items fall into clusters, and users
 * interact mostly with items of their own cluster. Some of each user's in-cluster items are held out.
 */
final class PlantedData {

    final int clusters;
    final int users;
    final int items;
    final Interactions train;
    final List<Set<Integer>> heldOut = new ArrayList<>();

    PlantedData(long seed, int clusters, int usersPerCluster, int itemsPerCluster) {
        this.clusters = clusters;
        this.users = clusters * usersPerCluster;
        this.items = clusters * itemsPerCluster;
        Random random = new Random(seed);
        Interactions.Builder builder = Interactions.builder();
        for (int i = 0; i < items; i++) {
            builder.addItem("i" + i);
        }
        for (int u = 0; u < users; u++) {
            int cluster = clusterOfUser(u, usersPerCluster);
            Set<Integer> held = new HashSet<>();
            for (int j = 0; j < itemsPerCluster; j++) {
                int item = cluster * itemsPerCluster + j;
                double draw = random.nextDouble();
                if (draw < 0.3) {
                    builder.add("u" + u, "i" + item, 1);
                } else if (draw < 0.4) {
                    held.add(item);
                }
            }
            builder.add("u" + u, "i" + random.nextInt(items), 1);
            heldOut.add(held);
        }
        this.train = builder.build();
    }

    int clusterOfUser(int user, int usersPerCluster) {
        return user / usersPerCluster;
    }

    int userIndex(int user) {
        return train.users().find("u" + user);
    }

    int itemIndex(int item) {
        return train.items().find("i" + item);
    }
}
