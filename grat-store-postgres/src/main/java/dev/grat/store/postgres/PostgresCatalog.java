package dev.grat.store.postgres;

import dev.grat.catalog.Item;
import dev.grat.store.CatalogStore;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/** The shop's products, one row per item id; the price is {@code numeric}, so its scale survives. */
final class PostgresCatalog implements CatalogStore {

    private final Database database;

    PostgresCatalog(Database database) {
        this.database = database;
    }

    @Override
    public void upsert(List<Item> items) {
        Objects.requireNonNull(items, "items");
        // The last copy of an id wins, as if the items were upserted one by one; id order keeps concurrent
        // upserts of overlapping batches from waiting for each other in a circle.
        Map<String, Item> byId = new LinkedHashMap<>();
        for (Item item : items) {
            Objects.requireNonNull(item.id(), "item.id");
            byId.put(item.id(), item);
        }
        if (byId.isEmpty()) {
            return;
        }
        List<Item> sorted = byId.values().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
        database.write("upsert of " + sorted.size() + " catalog items", c -> {
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO items "
                    + "(id, title, category, brand, price, available, attribute_names, attribute_values) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET title = excluded.title, "
                    + "category = excluded.category, brand = excluded.brand, price = excluded.price, "
                    + "available = excluded.available, attribute_names = excluded.attribute_names, "
                    + "attribute_values = excluded.attribute_values")) {
                for (Item item : sorted) {
                    List<String> names = new ArrayList<>(item.attributes().keySet());
                    upsert.setString(1, item.id());
                    upsert.setString(2, item.title());
                    upsert.setString(3, item.category());
                    upsert.setString(4, item.brand());
                    upsert.setBigDecimal(5, item.price());
                    upsert.setBoolean(6, item.available());
                    upsert.setArray(7, c.createArrayOf("text", names.toArray()));
                    upsert.setArray(8, c.createArrayOf("text", names.stream().map(item.attributes()::get).toArray()));
                    upsert.addBatch();
                }
                return upsert.executeBatch();
            }
        });
    }

    @Override
    public void forEach(Consumer<Item> action) {
        Objects.requireNonNull(action, "action");
        database.read("reading the catalog", c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT id, title, category, brand, price, available, "
                    + "attribute_names, attribute_values FROM items")) {
                query.setFetchSize(1000);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        action.accept(new Item(rows.getString(1), rows.getString(2), rows.getString(3),
                                rows.getString(4), rows.getBigDecimal(5), rows.getBoolean(6),
                                attributes(rows.getArray(7), rows.getArray(8))));
                    }
                }
            }
            return null;
        });
    }

    private static Map<String, String> attributes(Array names, Array values) throws SQLException {
        String[] keys = (String[]) names.getArray();
        String[] texts = (String[]) values.getArray();
        Map<String, String> attributes = HashMap.newHashMap(keys.length);
        for (int i = 0; i < keys.length; i++) {
            attributes.put(keys[i], texts[i]);
        }
        return attributes;
    }

    @Override
    public long count() {
        return database.read("counting catalog items", c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT count(*) FROM items");
                 ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }
}
