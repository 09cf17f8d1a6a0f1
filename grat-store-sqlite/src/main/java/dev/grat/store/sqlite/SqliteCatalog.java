package dev.grat.store.sqlite;

import dev.grat.catalog.Item;
import dev.grat.store.CatalogStore;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** The shop's products, one row per item id; the price is text so that its scale survives. */
final class SqliteCatalog implements CatalogStore {

    private final GroupCommitWriter writer;
    private final ReadPool reads;
    private final JsonColumns json;

    SqliteCatalog(GroupCommitWriter writer, ReadPool reads, JsonColumns json) {
        this.writer = writer;
        this.reads = reads;
        this.json = json;
    }

    @Override
    public void upsert(List<Item> items) {
        List<Item> batch = List.copyOf(Objects.requireNonNull(items, "items"));
        if (batch.isEmpty()) {
            return;
        }
        writer.write("upsert of " + batch.size() + " catalog items", batch.size(), c -> {
            try (PreparedStatement upsert = c.prepareStatement("INSERT OR REPLACE INTO items "
                    + "(id, title, category, brand, price, available, attributes) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (Item item : batch) {
                    upsert.setString(1, item.id());
                    upsert.setString(2, item.title());
                    upsert.setString(3, item.category());
                    upsert.setString(4, item.brand());
                    upsert.setString(5, item.price() == null ? null : item.price().toString());
                    upsert.setBoolean(6, item.available());
                    upsert.setString(7, json.stringMap(item.attributes()));
                    upsert.addBatch();
                }
                return upsert.executeBatch();
            }
        });
    }

    @Override
    public void forEach(Consumer<Item> action) {
        Objects.requireNonNull(action, "action");
        reads.read("reading the catalog", c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT id, title, category, brand, price, available, attributes FROM items");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String price = rows.getString(5);
                    action.accept(new Item(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), price == null ? null : new BigDecimal(price), rows.getBoolean(6),
                            json.stringMap(rows.getString(7), "items.attributes")));
                }
            }
            return null;
        });
    }

    @Override
    public long count() {
        return reads.read("counting catalog items", c -> SqliteEvents.queryLong(c, "SELECT count(*) FROM items"));
    }
}
