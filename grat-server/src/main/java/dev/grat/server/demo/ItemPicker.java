package dev.grat.server.demo;

import dev.grat.catalog.CategoryPaths;
import dev.grat.catalog.Item;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Chooses the categories and products a simulated visitor looks at: mostly their favourite category, their
 * favourite brand three times as often, cheap products more often the more price-sensitive they are, and
 * every product weighted by a skewed (Zipf-like) popularity so that some products are hits and most are not.
 */
final class ItemPicker {

    private static final double FAVOURITE_CATEGORY_SHARE = 0.70;
    private static final double SAME_DEPARTMENT_SHARE = 0.15;
    private static final double FAVOURITE_BRAND_BOOST = 3.0;
    private static final double ZIPF_EXPONENT = 0.8;

    private final List<String> categories;
    private final Map<String, List<String>> categoriesByDepartment = new LinkedHashMap<>();
    private final Map<String, List<Item>> itemsByCategory = new LinkedHashMap<>();
    private final Map<String, Double> popularity = new HashMap<>();
    private final Map<String, Double> medianPrice = new HashMap<>();

    ItemPicker(DemoShop shop, long seed) {
        for (Item item : shop.items()) {
            itemsByCategory.computeIfAbsent(item.category(), c -> new ArrayList<>()).add(item);
        }
        categories = List.copyOf(itemsByCategory.keySet());
        for (String category : categories) {
            categoriesByDepartment.computeIfAbsent(CategoryPaths.root(category), d -> new ArrayList<>()).add(category);
            medianPrice.put(category, median(itemsByCategory.get(category)));
        }
        List<Item> byRank = new ArrayList<>(shop.items());
        Collections.shuffle(byRank, new Random(seed));
        for (int rank = 0; rank < byRank.size(); rank++) {
            popularity.put(byRank.get(rank).id(), 1.0 / Math.pow(rank + 1, ZIPF_EXPONENT));
        }
    }

    List<String> categories() {
        return categories;
    }

    List<String> categoriesOf(String department) {
        return categoriesByDepartment.get(department);
    }

    List<Item> itemsOf(String category) {
        return itemsByCategory.get(category);
    }

    /** A leaf category for the visitor to browse: mostly the favourite, sometimes a neighbour or anything. */
    String category(Shopper shopper, SplittableRandom random) {
        double roll = random.nextDouble();
        if (roll < FAVOURITE_CATEGORY_SHARE) {
            return shopper.favouriteCategory();
        }
        List<String> pool = roll < FAVOURITE_CATEGORY_SHARE + SAME_DEPARTMENT_SHARE
                ? categoriesByDepartment.get(shopper.favouriteDepartment()) : categories;
        return pool.get(random.nextInt(pool.size()));
    }

    /** A product of the category, weighted by popularity, brand preference and price sensitivity. */
    Item item(Shopper shopper, String category, SplittableRandom random) {
        List<Item> items = itemsByCategory.get(category);
        double median = medianPrice.get(category);
        double[] weights = new double[items.size()];
        double total = 0;
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            double weight = popularity.get(item.id());
            if (item.brand().equals(shopper.favouriteBrand())) {
                weight *= FAVOURITE_BRAND_BOOST;
            }
            weight *= Math.exp(-shopper.priceSensitivity() * item.price().doubleValue() / median);
            weights[i] = weight;
            total += weight;
        }
        double target = random.nextDouble() * total;
        for (int i = 0; i < items.size(); i++) {
            target -= weights[i];
            if (target < 0) {
                return items.get(i);
            }
        }
        return items.getLast();
    }

    Item item(Shopper shopper, SplittableRandom random) {
        return item(shopper, category(shopper, random), random);
    }

    private static double median(List<Item> items) {
        double[] prices = items.stream().mapToDouble(item -> item.price().doubleValue()).sorted().toArray();
        return prices[prices.length / 2];
    }
}
