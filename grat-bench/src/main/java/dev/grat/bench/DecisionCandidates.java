package dev.grat.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grat.catalog.Item;
import dev.grat.decide.bandit.Candidate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The offers of one decision request, generated from a seed over the workload's catalog: each offer promotes
 * a catalog item and has exactly {@code features} features, four categorical (the item's {@code category} and
 * {@code brand}, which meet the visitor's affinities, an offer {@code type} and a {@code priceBand}), a
 * {@code discount} and numeric attributes {@code attr.k} (0.01 to 1) for the rest, every one non-zero: the
 * worst case for the hashed model, whose vectors are then dense.
 *
 * @param offers one entry per candidate, in request order
 */
public record DecisionCandidates(List<Offer> offers) {

    /** The smallest number of features an offer can have: the four categories and the discount. */
    public static final int MIN_FEATURES = 5;

    private static final String[] TYPES = {"discount", "free-shipping", "bundle", "gift", "points"};

    /**
     * One candidate as the shop sends it.
     *
     * @param id         the offer id
     * @param categories categorical features, name to value ({@code category -> Department1/Category12})
     * @param numbers    numeric features, name to value
     */
    public record Offer(String id, Map<String, String> categories, Map<String, Double> numbers) {
    }

    public DecisionCandidates {
        offers = List.copyOf(offers);
    }

    /** {@code count} offers with {@code features} features each, promoting items of {@code catalog}. */
    public static DecisionCandidates generate(List<Item> catalog, int count, int features, long seed) {
        if (count < 1 || catalog.isEmpty()) {
            throw new IllegalArgumentException("need at least one candidate and one catalog item, got " + count
                    + " candidates and " + catalog.size() + " items");
        }
        if (features < MIN_FEATURES || features > Candidate.MAX_FEATURES) {
            throw new IllegalArgumentException("features must be " + MIN_FEATURES + " to " + Candidate.MAX_FEATURES
                    + ", was " + features);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Offer> offers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Item item = catalog.get(random.nextInt(catalog.size()));
            Map<String, String> categories = new LinkedHashMap<>();
            categories.put("category", item.category());
            categories.put("brand", item.brand());
            categories.put("type", TYPES[random.nextInt(TYPES.length)]);
            categories.put("priceBand", priceBand(item.price()));
            Map<String, Double> numbers = new LinkedHashMap<>();
            numbers.put("discount", 0.05 * (1 + random.nextInt(8)));
            for (int k = 0; numbers.size() + categories.size() < features; k++) {
                // Two decimals, as a shop would send a score or a share; never zero.
                numbers.put("attr." + k, (1 + random.nextInt(100)) / 100.0);
            }
            offers.add(new Offer("offer-" + i, categories, numbers));
        }
        return new DecisionCandidates(offers);
    }

    /** The offers as the engine takes them: a category {@code name=value} with value 1, numbers by name. */
    public List<Candidate> candidates() {
        List<Candidate> candidates = new ArrayList<>(offers.size());
        for (Offer offer : offers) {
            Map<String, Double> features = new LinkedHashMap<>();
            offer.categories().forEach((name, value) -> features.put(name + "=" + value, 1.0));
            features.putAll(offer.numbers());
            candidates.add(new Candidate(offer.id(), features));
        }
        return List.copyOf(candidates);
    }

    /** The offers as the {@code candidates} array of {@code POST /v1/decisions}: categories as strings. */
    public ArrayNode toJson(ObjectMapper mapper) {
        ArrayNode array = mapper.createArrayNode();
        for (Offer offer : offers) {
            ObjectNode candidate = array.addObject().put("id", offer.id());
            ObjectNode features = candidate.putObject("features");
            offer.categories().forEach(features::put);
            offer.numbers().forEach(features::put);
        }
        return array;
    }

    private static String priceBand(BigDecimal price) {
        if (price == null) {
            return "unknown";
        }
        double euros = price.doubleValue();
        return euros < 50 ? "low" : euros < 200 ? "mid" : "high";
    }
}
