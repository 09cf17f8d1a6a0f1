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
    private volatile SortedSet<String> topCategories = new TreeSet<>();

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
        return topCategories;
    }

    private void refreshCategories() {
        TreeSet<String> roots = new TreeSet<>();
        for (Item item : items.values()) {
            roots.add(CategoryPaths.root(item.category()));
        }
        topCategories = roots;
    }

    static List<FieldError> validate(Item item, String prefix) {
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
