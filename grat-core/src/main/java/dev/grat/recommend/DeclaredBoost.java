package dev.grat.recommend;

import dev.grat.catalog.Catalog;
import dev.grat.catalog.Item;
import dev.grat.declared.DeclaredPreferences;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the visitor told the shop they like, as recommendation candidates: popular items of their liked categories
 * (a sub-category counts) and brands, and a boost of the candidates other sources found that match them. The
 * reason names what they said ("Because you told us you like Women/Shoes"). Disliked categories are not here: the
 * service filters their items out of every source.
 */
final class DeclaredBoost {

    /** Stronger than derived affinity (0.6): the visitor said it, Grat did not guess it. */
    static final double WEIGHT = 0.9;
    private static final double BOOST = 0.5;
    private static final int CANDIDATES = 50;
    /** How far down the popularity ranking to look for items of liked ancestors; bounds the work per request. */
    private static final int SCAN = 5_000;
    static final String REASON = "Because you told us you like ";

    private final Catalog catalog;
    private final Popularity popularity;

    DeclaredBoost(Catalog catalog, Popularity popularity) {
        this.catalog = catalog;
        this.popularity = popularity;
    }

    /** Adds the popular items of liked categories and brands; returns whether any was added. */
    boolean addLiked(DeclaredPreferences declared, Candidates candidates) {
        if (declared.likedCategories().isEmpty() && declared.likedBrands().isEmpty()) {
            return false;
        }
        boolean added = false;
        for (Item item : likedItems(declared).values()) {
            added |= add(item, declared, WEIGHT, candidates);
        }
        return added;
    }

    /** Boosts the candidates gathered so far that are in a liked category or of a liked brand. */
    void boostGathered(DeclaredPreferences declared, Candidates candidates) {
        for (String id : candidates.ids()) {
            catalog.get(id).ifPresent(item -> add(item, declared, WEIGHT * BOOST, candidates));
        }
    }

    private boolean add(Item item, DeclaredPreferences declared, double weight, Candidates candidates) {
        String category = declared.likedCategoryOf(item.category());
        String brand = declared.likedBrandOf(item.brand());
        if (category == null && brand == null) {
            return false;
        }
        double score = weight * ((category == null ? 0 : 0.6) + (brand == null ? 0 : 0.4));
        return candidates.add(item, score, REASON, category != null ? category : brand);
    }

    private Map<String, Item> likedItems(DeclaredPreferences declared) {
        Popularity.Ranking ranking = popularity.ranking();
        Map<String, Item> pool = new LinkedHashMap<>();
        for (String category : declared.likedCategories()) {
            ranking.topInCategory(category).forEach(item -> pool.putIfAbsent(item.id(), item));
        }
        for (String brand : declared.likedBrands()) {
            ranking.topOfBrand(brand).forEach(item -> pool.putIfAbsent(item.id(), item));
        }
        // Items of a liked ancestor (Women for Women/Shoes) sit under their own leaf category: look down the ranking.
        int scanned = 0;
        for (String id : ranking.ids()) {
            if (pool.size() >= CANDIDATES || scanned++ >= SCAN) {
                break;
            }
            catalog.get(id).filter(item -> declared.likedCategoryOf(item.category()) != null)
                    .ifPresent(item -> pool.putIfAbsent(item.id(), item));
        }
        if (pool.isEmpty()) {
            // A shop without traffic yet: the catalogue's own items of the exact categories and brands.
            declared.likedCategories().forEach(c -> catalog.inCategory(c).forEach(i -> pool.putIfAbsent(i.id(), i)));
            declared.likedBrands().forEach(b -> catalog.ofBrand(b).forEach(i -> pool.putIfAbsent(i.id(), i)));
        }
        return pool;
    }
}
