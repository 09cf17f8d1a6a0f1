package dev.grat.store;

import dev.grat.catalog.Item;

import java.util.List;
import java.util.function.Consumer;

/** The shop's products. */
public interface CatalogStore {

    /** Inserts or replaces the items (by id) in one transaction. */
    void upsert(List<Item> items);

    /** Every item, in no particular order. */
    void forEach(Consumer<Item> action);

    long count();
}
