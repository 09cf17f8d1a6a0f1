package dev.grat.recommend;

import dev.grat.InvalidInputException;
import dev.grat.catalog.Catalog;
import dev.grat.catalog.CategoryPaths;
import dev.grat.catalog.Identifiers;
import dev.grat.catalog.Item;
import dev.grat.declared.DeclaredPreferences;
import dev.grat.event.FieldError;
import dev.grat.privacy.DataUse;
import dev.grat.privacy.PersonalView;
import dev.grat.privacy.PrivacyLevels;
import dev.grat.profile.Interaction;
import dev.grat.profile.ProfileView;
import dev.grat.recommend.model.EventWeights;
import dev.grat.recommend.model.TopK;
import dev.grat.recommend.model.TrainedModel;
import dev.grat.recommend.model.UserHistory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Recommendations v1: time-decayed popularity, co-occurrence ("viewed together", "bought together") and
 * affinity ranking from the profile, blended per slot, with business filters. The profile is the one the
 * visitor's privacy level allows ({@link PrivacyLevels}): none at level context (recommendations from the request's
 * context and popularity only), the session's at level session, the stored one above.
 */
public final class RecommendationService {

    static final int MAX_COUNT = 100;
    private static final int RECENT_SEEDS = 10;
    private static final int NEIGHBORS = 30;
    private static final double CO_VIEW_WEIGHT = 1.0;
    private static final double CO_BUY_WEIGHT = 1.2;
    private static final double AFFINITY_WEIGHT = 0.6;
    private static final double POPULARITY_WEIGHT = 0.1;
    private static final double MODEL_WEIGHT = 1.2;
    private static final double SIMILAR_WEIGHT = 0.8;
    private static final int MODEL_CANDIDATES = 50;
    private static final int AFFINITY_CATEGORIES = 6;
    private static final int AFFINITY_BRANDS = 3;
    private static final int DIVERSITY_POOL = 4;

    private final Catalog catalog;
    private final PrivacyLevels levels;
    private final Popularity popularity;
    private final CoOccurrence coOccurrence;
    private final ModelService models;
    private final EventWeights weights;
    private final Clock clock;
    private final DeclaredBoost declaredBoost;

    public RecommendationService(Catalog catalog, PrivacyLevels levels, Popularity popularity,
                                 CoOccurrence coOccurrence, ModelService models, EventWeights weights, Clock clock) {
        this.catalog = catalog;
        this.levels = levels;
        this.popularity = popularity;
        this.coOccurrence = coOccurrence;
        this.models = models;
        this.weights = weights;
        this.clock = clock;
        this.declaredBoost = new DeclaredBoost(catalog, popularity);
    }

    public Recommendations recommend(RecommendationRequest request) {
        validate(request);
        PersonalView visitor = levels.view(request.visitorId(), clock.instant());
        ProfileView profile = visitor.usableProfile().orElse(null);
        DeclaredPreferences declared = visitor.usableDeclared().orElse(null);
        Set<String> excluded = excluded(request, profile);
        Predicate<Item> eligible = item -> item.available() && !excluded.contains(item.id())
                && (request.category() == null || CategoryPaths.isWithin(item.category(), request.category()))
                && (declared == null || !declared.dislikesCategory(item.category()));
        Candidates candidates = new Candidates(eligible);
        String strategy = switch (request.slot()) {
            case HOME -> home(profile, candidates);
            case PRODUCT -> product(request.itemId(), profile, candidates);
            case CART -> cart(request.itemId(), profile, candidates);
            case CATEGORY -> category(profile, candidates);
        };
        if (declared != null) {
            strategy = withDeclared(request.slot(), declared, profile == null, strategy, candidates);
        }
        boolean personalized = profile != null || declared != null;
        List<DataUse> used = dataUsed(visitor, profile, declared, strategy);
        int wanted = request.diversity() == 0 ? request.count() : request.count() * DIVERSITY_POOL;
        if (candidates.size() < wanted) {
            fillWithPopular(candidates, request.category(), wanted);
        }
        if (request.diversity() == 0) {
            return new Recommendations(candidates.top(request.count()), personalized, strategy, visitor.level(), used);
        }
        List<ScoredItem> pool = candidates.top(wanted);
        return new Recommendations(Diversifier.rerank(pool, request.count(), request.diversity(), catalog::get),
                personalized, strategy, visitor.level(), used);
    }

    /**
     * Declared preferences on top of what the slot gathered: the liked categories' and brands' items on the home and
     * category slots, a boost of matching candidates on every slot (disliked categories are already filtered out).
     */
    private String withDeclared(Slot slot, DeclaredPreferences declared, boolean onlyDeclared, String strategy,
                                Candidates candidates) {
        if ((slot == Slot.HOME || slot == Slot.CATEGORY) && declaredBoost.addLiked(declared, candidates)
                && onlyDeclared) {
            // Without a profile the slot added no prior yet: popular items of what they like come first.
            addPopularityPrior(candidates);
        }
        declaredBoost.boostGathered(declared, candidates);
        return strategy + "+declared";
    }

    /** The request and the anonymous counts always; the profile's kinds of data when it was used. */
    private static List<DataUse> dataUsed(PersonalView visitor, ProfileView profile, DeclaredPreferences declared,
                                          String strategy) {
        EnumSet<DataUse> used = EnumSet.of(DataUse.REQUEST_CONTEXT, DataUse.POPULARITY);
        if (profile != null) {
            used.addAll(visitor.profileUses());
        }
        if (declared != null) {
            used.add(DataUse.DECLARED_PREFERENCES);
        }
        if (strategy.contains("als")) {
            used.add(DataUse.LEARNED_MODEL);
        }
        return List.copyOf(used);
    }

    private String home(ProfileView profile, Candidates candidates) {
        if (profile == null) {
            return "popular";
        }
        boolean learned = addFromModel(profile, candidates);
        addFromRecent(profile, candidates);
        addAffinity(profile, candidates);
        addPopularityPrior(candidates);
        return learned ? "personal-als-blend" : "personal-blend";
    }

    private String product(String itemId, ProfileView profile, Candidates candidates) {
        int index = catalog.index().find(itemId);
        Item seed = catalog.get(itemId).orElse(null);
        String name = seed == null ? "this product" : seed.title();
        addNeighbors(coOccurrence.viewedWith(index, NEIGHBORS), CO_VIEW_WEIGHT, "Often viewed together with " + name, candidates);
        addNeighbors(coOccurrence.boughtWith(index, NEIGHBORS), CO_BUY_WEIGHT, "Often bought together with " + name, candidates);
        addSimilarFromModel(itemId, name, candidates);
        if (seed != null) {
            addSameCategory(seed, candidates);
        }
        if (profile != null) {
            addAffinity(profile, candidates);
        }
        return profile == null ? "viewed-together" : "viewed-together+personal";
    }

    private String cart(String itemId, ProfileView profile, Candidates candidates) {
        Collection<String> basket = profile != null && !profile.cart().isEmpty() ? profile.cart().keySet()
                : itemId == null ? List.of() : List.of(itemId);
        for (String id : basket) {
            int index = catalog.index().find(id);
            String name = catalog.get(id).map(Item::title).orElse("an item in your cart");
            addNeighbors(coOccurrence.boughtWith(index, NEIGHBORS), CO_BUY_WEIGHT, "Often bought together with " + name, candidates);
            addNeighbors(coOccurrence.viewedWith(index, NEIGHBORS), CO_VIEW_WEIGHT * 0.5, "Goes well with " + name, candidates);
        }
        return profile == null ? "bought-together" : "bought-together+personal";
    }

    private String category(ProfileView profile, Candidates candidates) {
        if (profile == null) {
            return "category-popular";
        }
        addAffinity(profile, candidates);
        addPopularityPrior(candidates);
        return "category-personal";
    }

    /**
     * The learned model's picks: the visitor's factors are folded in from their recent interactions in the
     * request path, so a profile is personalized from its first clicks, before any retraining.
     */
    private boolean addFromModel(ProfileView profile, Candidates candidates) {
        TrainedModel model = models.current().orElse(null);
        if (model == null) {
            return false;
        }
        UserHistory history = UserHistory.fromInteractions(profile.recent(), model.items(), weights);
        if (history.isEmpty()) {
            return false;
        }
        java.util.BitSet seen = new java.util.BitSet(model.itemCount());
        for (int i = 0; i < history.size(); i++) {
            seen.set(history.item(i));
        }
        // The model's best picks without a score array for the whole catalogue (AlsModel stops its scan early).
        TopK.Picks best = model.best(history, MODEL_CANDIDATES, seen::get);
        if (best.size() == 0 || best.score(0) <= 0) {
            return false;
        }
        float top = best.score(0);
        ClosestInHistory closestInHistory = new ClosestInHistory(model, history);
        for (int rank = 0; rank < best.size(); rank++) {
            int index = best.item(rank);
            float score = best.score(rank);
            Item item = catalog.get(model.items().id(index)).orElse(null);
            if (item != null && score > 0) {
                String closest = explain(model, closestInHistory, index);
                candidates.add(item, MODEL_WEIGHT * score / top,
                        closest == null ? "Based on your recent activity" : "Because you viewed ", closest);
            }
        }
        return true;
    }

    /** The title of the product of the visitor's history that a pick is closest to in the model, or null. */
    private String explain(TrainedModel model, ClosestInHistory history, int pick) {
        return catalog.get(model.items().id(history.closestTo(pick))).map(Item::title).orElse(null);
    }

    private void addSimilarFromModel(String itemId, String name, Candidates candidates) {
        TrainedModel model = models.current().orElse(null);
        int index = model == null ? -1 : model.items().find(itemId);
        if (index < 0) {
            return;
        }
        float[] scores = model.similarTo(index);
        int[] best = TopK.select(scores, NEIGHBORS, i -> i == index);
        if (best.length == 0 || scores[best[0]] <= 0) {
            return;
        }
        for (int other : best) {
            Item item = catalog.get(model.items().id(other)).orElse(null);
            if (item != null && scores[other] > 0) {
                candidates.add(item, SIMILAR_WEIGHT * scores[other] / scores[best[0]], "Similar to " + name);
            }
        }
    }

    private void addFromRecent(ProfileView profile, Candidates candidates) {
        LinkedHashSet<String> seeds = new LinkedHashSet<>();
        for (Interaction interaction : profile.recent()) {
            seeds.add(interaction.itemId());
            if (seeds.size() == RECENT_SEEDS) {
                break;
            }
        }
        int rank = 0;
        for (String seedId : seeds) {
            double recency = 1.0 / (1 + rank++ * 0.5);
            String title = catalog.get(seedId).map(Item::title).orElse("a product you viewed");
            int index = catalog.index().find(seedId);
            addNeighbors(coOccurrence.viewedWith(index, NEIGHBORS), CO_VIEW_WEIGHT * recency,
                    "Because you viewed " + title, candidates);
        }
        for (String bought : profile.purchased().keySet()) {
            String title = catalog.get(bought).map(Item::title).orElse("a product you bought");
            addNeighbors(coOccurrence.boughtWith(catalog.index().find(bought), NEIGHBORS), CO_BUY_WEIGHT * 0.5,
                    "Often bought with " + title + ", which you bought", candidates);
        }
    }

    private void addNeighbors(List<CoOccurrence.Neighbor> neighbors, double weight, String reason, Candidates candidates) {
        for (CoOccurrence.Neighbor neighbor : neighbors) {
            candidates.add(catalog.atIndex(neighbor.item()), weight * neighbor.score(), reason);
        }
    }

    /** Items of the visitor's favourite categories and brands, scored by how much they like each. */
    private void addAffinity(ProfileView profile, Candidates candidates) {
        Map<String, Double> categories = profile.categoryAffinity();
        Map<String, Double> brands = profile.brandAffinity();
        double topCategory = max(categories);
        double topBrand = max(brands);
        if (topCategory == 0 && topBrand == 0) {
            return;
        }
        // The most popular items of the visitor's strongest categories and brands: bounded work per request,
        // whatever the size of the catalogue (the learned model and co-occurrence reach the long tail).
        Popularity.Ranking ranking = popularity.ranking();
        Map<String, Item> pool = new java.util.HashMap<>();
        for (String category : strongest(categories, AFFINITY_CATEGORIES)) {
            ranking.topInCategory(category).forEach(item -> pool.putIfAbsent(item.id(), item));
        }
        for (String brand : strongest(brands, AFFINITY_BRANDS)) {
            ranking.topOfBrand(brand).forEach(item -> pool.putIfAbsent(item.id(), item));
        }
        for (Item item : pool.values()) {
            double category = topCategory == 0 ? 0 : categories.getOrDefault(item.category(), 0.0) / topCategory;
            double brand = topBrand == 0 || item.brand() == null ? 0 : brands.getOrDefault(item.brand(), 0.0) / topBrand;
            if (category == 0 && brand == 0) {
                continue;
            }
            candidates.add(item, AFFINITY_WEIGHT * (0.7 * category + 0.3 * brand), "Because you like ",
                    category >= brand ? item.category() : item.brand());
        }
    }

    private static List<String> strongest(Map<String, Double> affinity, int limit) {
        return affinity.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(limit).map(Map.Entry::getKey).toList();
    }

    private void addPopularityPrior(Candidates candidates) {
        Popularity.Ranking ranking = popularity.ranking();
        double top = ranking.top();
        if (top <= 0) {
            return;
        }
        // Straight over the gathered items: no copy of their ids and no second catalogue lookup of each.
        Map<String, Double> scores = ranking.scores();
        candidates.addToEach(item -> {
            Double score = scores.get(item.id());
            return score == null ? 0 : POPULARITY_WEIGHT * score / top;
        }, "Popular right now");
    }

    private void addSameCategory(Item seed, Candidates candidates) {
        Popularity.Ranking ranking = popularity.ranking();
        double top = Math.max(ranking.top(), 1e-9);
        for (Item item : catalog.inCategory(seed.category())) {
            Double score = ranking.scores().get(item.id());
            if (score != null && !item.id().equals(seed.id())) {
                candidates.add(item, 0.2 * score / top, "Also in ", seed.category());
            }
        }
    }

    private void fillWithPopular(Candidates candidates, String category, int count) {
        Popularity.Ranking ranking = popularity.ranking();
        double top = Math.max(ranking.top(), 1e-9);
        String reason = category == null ? "Popular right now" : "Popular in " + category;
        for (String id : ranking.ids()) {
            if (candidates.size() >= count) {
                return;
            }
            if (!candidates.contains(id)) {
                catalog.get(id).ifPresent(item -> candidates.add(item, 0.01 * ranking.scores().get(id) / top, reason));
            }
        }
        if (candidates.size() < count) {
            // Products nobody has interacted with yet still fill the list, so a new shop gets answers.
            for (Item item : catalog.byId()) {
                if (candidates.size() >= count) {
                    return;
                }
                if (!candidates.contains(item.id())) {
                    candidates.add(item, 1e-6, category == null ? "New in the shop" : "New in " + category);
                }
            }
        }
    }

    private Set<String> excluded(RecommendationRequest request, ProfileView profile) {
        Set<String> excluded = new java.util.HashSet<>();
        if (request.itemId() != null) {
            excluded.add(request.itemId());
        }
        if (profile != null) {
            if (request.excludePurchased()) {
                excluded.addAll(profile.purchased().keySet());
            }
            if (request.slot() == Slot.CART) {
                excluded.addAll(profile.cart().keySet());
            }
        }
        return excluded;
    }

    private static double max(Map<String, Double> values) {
        double max = 0;
        for (double v : values.values()) {
            max = Math.max(max, v);
        }
        return max;
    }

    private static void validate(RecommendationRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.slot() == null) {
            errors.add(new FieldError("slot", "is required; one of: " + Slot.wireNames()));
        }
        if (!(request.diversity() >= 0 && request.diversity() <= 1)) {
            errors.add(new FieldError("diversity", "must be 0 to 1, was " + request.diversity()));
        }
        if (request.count() < 1 || request.count() > MAX_COUNT) {
            errors.add(new FieldError("n", "must be 1 to " + MAX_COUNT + ", was " + request.count()));
        }
        Identifiers.checkOptional(request.visitorId(), "visitorId", errors);
        Identifiers.checkOptional(request.itemId(), "item", errors);
        if (request.slot() == Slot.PRODUCT && request.itemId() == null) {
            errors.add(new FieldError("item", "is required for slot product (the product on screen)"));
        }
        if (request.slot() == Slot.CATEGORY && request.category() == null) {
            errors.add(new FieldError("category", "is required for slot category"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
