package dev.grat.store.sqlite;

import dev.grat.decide.ContentVariant;
import dev.grat.store.ContentStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Content slots, one row each with its variants as a JSON array in registration order. */
final class SqliteContent implements ContentStore {

    private final GroupCommitWriter writer;
    private final ReadPool reads;
    private final JsonColumns json;

    SqliteContent(GroupCommitWriter writer, ReadPool reads, JsonColumns json) {
        this.writer = writer;
        this.reads = reads;
        this.json = json;
    }

    @Override
    public void putSlot(String slot, List<ContentVariant> variants) {
        Objects.requireNonNull(slot, "slot");
        String stored = json.variants(Objects.requireNonNull(variants, "variants"));
        writer.write("storing the variants of a content slot", 1, c -> {
            // An upsert rather than INSERT OR REPLACE keeps the slot's row, so slots keep their first-seen order.
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO content_slots (slot, variants) "
                    + "VALUES (?, ?) ON CONFLICT (slot) DO UPDATE SET variants = excluded.variants")) {
                upsert.setString(1, slot);
                upsert.setString(2, stored);
                return upsert.executeUpdate();
            }
        });
    }

    @Override
    public Map<String, List<ContentVariant>> all() {
        return reads.read("reading content slots", c -> {
            Map<String, List<ContentVariant>> slots = new LinkedHashMap<>();
            try (PreparedStatement query = c.prepareStatement("SELECT slot, variants FROM content_slots ORDER BY seq");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    slots.put(rows.getString(1), json.variants(rows.getString(2), "content_slots.variants"));
                }
            }
            return Collections.unmodifiableMap(slots);
        });
    }
}
