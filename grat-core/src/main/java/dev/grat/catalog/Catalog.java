package dev.grat.catalog;

import dev.grat.InvalidInputException;
import dev.grat.event.FieldError;
import dev.grat.store.CatalogStore;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** The shop's products in memory, backed by the {@link CatalogStore}. */
public final class Catalog {

    static final int MAX_ID = 128;
    private static final int MAX_TITLE = 512;
    private static final int MAX_ATTRIBUTES = 50;

    private final CatalogStore store;
    private final ItemIndex index = new ItemIndex();
    private final Map<String, Item> items = new ConcurrentHashMap<>();
    private volatile Indexes indexes = new Indexes(new TreeSet<>(), Map.of(), Map.of(), List.of(), Map.of());

    public Catalog(CatalogStore store) {
        this.store = store;
        store.forEach(item -> items.put(item.id(), item));
        items.keySet().forEach(index::indexOf);
        refreshCategories();
    }

    /** Validates the whole batch, then stores and publishes it; nothing is stored if any item is invalid. */
    public void put(List<Item> batch, int maxBatchSize) {
        if (batch.isEmpty()) {
            throw new InvalidInputException("items", "must hold at least one item");
        }
        if (batch.size() > maxBatchSize) {
            throw new InvalidInputException("items", "holds " + batch.size() + " items; at most " + maxBatchSize
                    + " per batch");
        }
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            errors.addAll(validate(batch.get(i), "items[" + i + "]"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        store.upsert(batch);
        for (Item item : batch) {
            items.put(item.id(), item);
            index.indexOf(item.id());
        }
        refreshCategories();
    }

    /** Cluster mode: items another node stored (already in the shared store) replace these in memory only. */
    public void applyStored(List<Item> batch) {
        for (Item item : batch) {
            items.put(item.id(), item);
            index.indexOf(item.id());
        }
        refreshCategories();
    }

    public Optional<Item> get(String id) {
        return Optional.ofNullable(items.get(id));
    }

    /** The item at a dense index, or null when that index names a product not in the catalog. */
    public Item atIndex(int itemIndex) {
        return items.get(index.idOf(itemIndex));
    }

    public ItemIndex index() {
        return index;
    }

    public Collection<Item> all() {
        return items.values();
    }

    public int size() {
        return items.size();
    }

    /** The top-level categories, alphabetically. */
    public SortedSet<String> topCategories() {
        return indexes.roots();
    }

    /** The items whose category is exactly this path. */
    public List<Item> inCategory(String category) {
        return indexes.byCategory().getOrDefault(category, List.of());
    }

    /** The items of one brand. */
    public List<Item> ofBrand(String brand) {
        return indexes.byBrand().getOrDefault(brand, List.of());
    }

    /**
     * A category path and its ancestors, the most general first ({@link CategoryPaths#lineage}). For a path of the
     * catalog's items, the same list of the same strings every time: a profile that meets a category for the first
     * time keeps the catalog's strings instead of fresh copies made per event.
     */
    public List<String> lineage(String categoryPath) {
        if (categoryPath == null) {
            return List.of();
        }
        List<String> known = indexes.lineages().get(categoryPath);
        return known != null ? known : CategoryPaths.lineage(categoryPath);
    }

    /** Every item ordered by id, for answers that must not depend on hash order. */
    public List<Item> byId() {
        return indexes.byId();
    }

    // Rebuilt on every catalog batch: batches are rare next to the reads that use the indexes.
    private void refreshCategories() {
        TreeSet<String> roots = new TreeSet<>();
        Map<String, List<Item>> byCategory = new java.util.HashMap<>();
        Map<String, List<Item>> byBrand = new java.util.HashMap<>();
        for (Item item : items.values()) {
            roots.add(CategoryPaths.root(item.category()));
            byCategory.computeIfAbsent(item.category(), c -> new ArrayList<>()).add(item);
            if (item.brand() != null) {
                byBrand.computeIfAbsent(item.brand(), b -> new ArrayList<>()).add(item);
            }
        }
        List<Item> byId = new ArrayList<>(items.values());
        byId.sort(java.util.Comparator.comparing(Item::id));
        indexes = new Indexes(java.util.Collections.unmodifiableSortedSet(roots), freeze(byCategory), freeze(byBrand),
                List.copyOf(byId), lineages(byCategory.keySet()));
    }

    /** The lineage of each path, each ancestor one string shared by all the paths below it. */
    private static Map<String, List<String>> lineages(Collection<String> paths) {
        Map<String, String> shared = new java.util.HashMap<>();
        Map<String, List<String>> lineages = new java.util.HashMap<>();
        for (String path : paths) {
            lineages.put(path, CategoryPaths.lineage(path).stream().map(p -> shared.computeIfAbsent(p, q -> q)).toList());
        }
        return Map.copyOf(lineages);
    }

    private static Map<String, List<Item>> freeze(Map<String, List<Item>> index) {
        Map<String, List<Item>> frozen = new java.util.HashMap<>();
        index.forEach((key, list) -> frozen.put(key, List.copyOf(list)));
        return Map.copyOf(frozen);
    }

    private record Indexes(SortedSet<String> roots, Map<String, List<Item>> byCategory,
                           Map<String, List<Item>> byBrand, List<Item> byId, Map<String, List<String>> lineages) {
    }

    /** Every problem of one item; {@code prefix} names it in the errors, e.g. {@code items[3]}. */
    public static List<FieldError> validate(Item item, String prefix) {
        List<FieldError> errors = new ArrayList<>();
        if (item == null) {
            return List.of(new FieldError(prefix, "must be an item object"));
        }
        Identifiers.check(item.id(), prefix + ".id", errors);
        if (item.title() == null || item.title().isBlank()) {
            errors.add(new FieldError(prefix + ".title", "is required"));
        } else if (item.title().length() > MAX_TITLE) {
            errors.add(new FieldError(prefix + ".title", "must be at most " + MAX_TITLE + " characters"));
        }
        checkCategory(item.category(), prefix + ".category", errors);
        if (item.brand() != null && item.brand().length() > MAX_ID) {
            errors.add(new FieldError(prefix + ".brand", "must be at most " + MAX_ID + " characters"));
        }
        if (item.price() == null) {
            errors.add(new FieldError(prefix + ".price", "is required"));
        } else if (item.price().compareTo(BigDecimal.ZERO) < 0) {
            errors.add(new FieldError(prefix + ".price", "must not be negative, was " + item.price()));
        }
        if (item.attributes().size() > MAX_ATTRIBUTES) {
            errors.add(new FieldError(prefix + ".attributes", "must hold at most " + MAX_ATTRIBUTES + " entries"));
        }
        return errors;
    }

    private static void checkCategory(String category, String field, List<FieldError> errors) {
        if (category == null || category.isBlank()) {
            errors.add(new FieldError(field, "is required (a path such as \"Women/Shoes\")"));
            return;
        }
        if (category.length() > 256) {
            errors.add(new FieldError(field, "must be at most 256 characters"));
        }
        for (String part : category.split("/", -1)) {
            if (part.isBlank()) {
                errors.add(new FieldError(field, "has an empty segment in \"" + category
                        + "\"; use a path such as \"Women/Shoes\""));
                return;
            }
        }
    }
}
