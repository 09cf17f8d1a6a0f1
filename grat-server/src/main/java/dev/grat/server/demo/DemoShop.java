package dev.grat.server.demo;

import dev.grat.Grat;
import dev.grat.catalog.Item;
import dev.grat.decide.Comparison;
import dev.grat.decide.Condition;
import dev.grat.decide.ContentVariant;
import dev.grat.decide.ProfileField;
import dev.grat.server.demo.DemoVocabulary.Department;
import dev.grat.server.demo.DemoVocabulary.ProductKind;
import dev.grat.server.demo.DemoVocabulary.Subcategory;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A generated demo shop: a catalog of a few hundred products in five departments with subcategories, brands,
 * prices with a spread and attributes, and the content variants of the {@code greeting} and
 * {@code product-description} slots. The same seed gives the same shop.
 */
public final class DemoShop {

    /** The greeting slot: new visitors, returning visitors, bargain hunters, big spenders, everybody else. */
    public static final String GREETING_SLOT = "greeting";
    /** The product-description slot: the tone of product copy for premium buyers, bargain hunters, athletes. */
    public static final String PRODUCT_DESCRIPTION_SLOT = "product-description";

    /** A visitor who spent at least this much (EUR) counts as a big spender. */
    static final int BIG_SPENDER_TOTAL = 400;
    /** A visitor whose products cost less than this on average (EUR) counts as a bargain hunter. */
    static final int BARGAIN_AVERAGE_PRICE = 40;
    /** A visitor whose products cost at least this on average (EUR) gets the premium copy. */
    static final int PREMIUM_AVERAGE_PRICE = 150;
    /** Price averages mean little before a visitor has looked at a few products. */
    private static final int MIN_EVENTS_FOR_PRICE_TASTE = 5;

    private static final double UNAVAILABLE_SHARE = 0.08;
    private static final double ON_SALE_SHARE = 0.15;
    private static final int MIN_ITEMS_PER_SUBCATEGORY = 18;
    private static final int MAX_ITEMS_PER_SUBCATEGORY = 24;

    private final long seed;
    private final List<Item> items;
    private final Map<String, List<ContentVariant>> contentSlots;

    private DemoShop(long seed, List<Item> items, Map<String, List<ContentVariant>> contentSlots) {
        this.seed = seed;
        this.items = List.copyOf(items);
        this.contentSlots = contentSlots;
    }

    /** Generates the shop for a seed. */
    public static DemoShop generate(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Item> items = new ArrayList<>();
        for (Department department : DemoVocabulary.DEPARTMENTS) {
            for (Subcategory subcategory : department.subcategories()) {
                int count = random.nextInt(MIN_ITEMS_PER_SUBCATEGORY, MAX_ITEMS_PER_SUBCATEGORY + 1);
                items.addAll(itemsOf(department, subcategory, count, items.size(), random));
            }
        }
        return new DemoShop(seed, items, contentVariants());
    }

    public long seed() {
        return seed;
    }

    /** The catalog, in a stable order. */
    public List<Item> items() {
        return items;
    }

    /** The top-level categories (departments). */
    public List<String> departments() {
        return DemoVocabulary.DEPARTMENTS.stream().map(Department::name).toList();
    }

    /** The leaf category paths, such as {@code Women/Shoes}. */
    public List<String> categories() {
        return DemoVocabulary.DEPARTMENTS.stream()
                .flatMap(d -> d.subcategories().stream()).map(Subcategory::path).toList();
    }

    /** The content variants per slot, each slot's variants in the order they are tried. */
    public Map<String, List<ContentVariant>> contentSlots() {
        return contentSlots;
    }

    /** Puts the catalog (in batches the engine accepts) and the content slots into the engine. */
    public void install(Grat grat) {
        int batchSize = grat.settings().maxBatchSize();
        for (int from = 0; from < items.size(); from += batchSize) {
            grat.putItems(items.subList(from, Math.min(items.size(), from + batchSize)));
        }
        contentSlots.forEach(grat::putContent);
    }

    private static List<Item> itemsOf(Department department, Subcategory subcategory, int count, int idOffset,
                                      SplittableRandom random) {
        List<Item> items = new ArrayList<>(count);
        Set<String> titles = new HashSet<>();
        while (items.size() < count) {
            String brand = pick(department.brands(), random);
            ProductKind kind = pick(subcategory.kinds(), random);
            String title = brand + " " + pick(DemoVocabulary.ADJECTIVES, random) + " " + kind.noun();
            if (!titles.add(title)) {
                continue;
            }
            boolean onSale = random.nextDouble() < ON_SALE_SHARE;
            Map<String, String> attributes = Map.of(
                    "colour", pick(department.colours(), random),
                    "material", pick(kind.materials(), random),
                    "onSale", Boolean.toString(onSale));
            String id = "sku-" + (10001 + idOffset + items.size());
            items.add(new Item(id, title, subcategory.path(), brand, price(kind, random),
                    random.nextDouble() >= UNAVAILABLE_SHARE, attributes));
        }
        return items;
    }

    /** Log-uniform within the product kind's range, leaning to the cheap end, with shop-like endings. */
    private static BigDecimal price(ProductKind kind, SplittableRandom random) {
        double position = Math.pow(random.nextDouble(), 1.3);
        double raw = kind.minPrice() * Math.pow(kind.maxPrice() / kind.minPrice(), position);
        double rounded = raw < 100 ? Math.floor(raw) + 0.99 : Math.round(raw / 5) * 5 - 0.01;
        return BigDecimal.valueOf(rounded).setScale(2, RoundingMode.HALF_UP);
    }

    private static <T> T pick(List<T> values, SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }

    private static Map<String, List<ContentVariant>> contentVariants() {
        Map<String, List<ContentVariant>> slots = new LinkedHashMap<>();
        slots.put(GREETING_SLOT, List.of(
                new ContentVariant("big-spender",
                        "Welcome back! As one of our best customers, your express shipping is on us.",
                        List.of(condition(ProfileField.TOTAL_SPENT, Comparison.GTE, BIG_SPENDER_TOTAL))),
                new ContentVariant("bargain-hunter",
                        "This week's best prices, picked for you: up to 40% off.",
                        bargainHunter()),
                new ContentVariant("returning-visitor",
                        "Welcome back! Here is what is new since your last visit.",
                        List.of(new Condition(ProfileField.RETURNING, Comparison.EQ, "true"))),
                new ContentVariant("new-visitor",
                        "Welcome! New here? Take 10% off your first order.",
                        List.of(new Condition(ProfileField.RETURNING, Comparison.EQ, "false"))),
                new ContentVariant("default",
                        "Welcome to Grat Outfitters: free returns within 30 days.",
                        List.of())));
        slots.put(PRODUCT_DESCRIPTION_SLOT, List.of(
                new ContentVariant("premium",
                        "Made to last: premium materials, careful finishing and a two-year warranty.",
                        List.of(condition(ProfileField.AVERAGE_PRICE, Comparison.GTE, PREMIUM_AVERAGE_PRICE))),
                new ContentVariant("value",
                        "Great value: compare it with anything at this price.",
                        bargainHunter()),
                new ContentVariant("athlete",
                        "Tested by athletes in training and on race day.",
                        List.of(new Condition(ProfileField.TOP_CATEGORY, Comparison.EQ, "Sports"))),
                new ContentVariant("default",
                        "Carefully chosen by our buyers, with free returns within 30 days.",
                        List.of())));
        return Collections.unmodifiableMap(slots);
    }

    private static List<Condition> bargainHunter() {
        return List.of(
                condition(ProfileField.AVERAGE_PRICE, Comparison.LT, BARGAIN_AVERAGE_PRICE),
                condition(ProfileField.EVENT_COUNT, Comparison.GTE, MIN_EVENTS_FOR_PRICE_TASTE));
    }

    private static Condition condition(ProfileField field, Comparison comparison, int value) {
        return new Condition(field, comparison, Integer.toString(value));
    }
}
