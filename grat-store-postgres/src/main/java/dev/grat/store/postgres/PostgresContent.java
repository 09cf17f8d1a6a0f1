package dev.grat.store.postgres;

import dev.grat.decide.Comparison;
import dev.grat.decide.Condition;
import dev.grat.decide.ContentVariant;
import dev.grat.decide.ProfileField;
import dev.grat.store.ContentStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Content slots in the order they were first stored, each with its variants in registration order. */
final class PostgresContent implements ContentStore {

    private final Database database;

    PostgresContent(Database database) {
        this.database = database;
    }

    @Override
    public void putSlot(String slot, List<ContentVariant> variants) {
        Objects.requireNonNull(slot, "slot");
        List<ContentVariant> stored = List.copyOf(Objects.requireNonNull(variants, "variants"));
        database.write("storing the variants of a content slot", c -> {
            // DO UPDATE (not NOTHING) locks the slot's row, so two writers of one slot replace its variants in turn.
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO content_slots (slot) VALUES (?) "
                    + "ON CONFLICT (slot) DO UPDATE SET slot = excluded.slot")) {
                upsert.setString(1, slot);
                upsert.executeUpdate();
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM content_variants WHERE slot = ?")) {
                delete.setString(1, slot);
                delete.executeUpdate();
            }
            insertVariants(c.prepareStatement("INSERT INTO content_variants (slot, position, id, text, "
                    + "condition_fields, condition_comparisons, condition_values) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                    slot, stored);
            return null;
        });
    }

    private static void insertVariants(PreparedStatement insert, String slot, List<ContentVariant> variants)
            throws SQLException {
        try (insert) {
            var connection = insert.getConnection();
            for (int position = 0; position < variants.size(); position++) {
                ContentVariant variant = variants.get(position);
                insert.setString(1, slot);
                insert.setInt(2, position);
                insert.setString(3, variant.id());
                insert.setString(4, variant.text());
                insert.setArray(5, connection.createArrayOf("text",
                        variant.conditions().stream().map(k -> k.field().wireName()).toArray()));
                insert.setArray(6, connection.createArrayOf("text",
                        variant.conditions().stream().map(k -> k.comparison().wireName()).toArray()));
                insert.setArray(7, connection.createArrayOf("text",
                        variant.conditions().stream().map(Condition::value).toArray()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @Override
    public Map<String, List<ContentVariant>> all() {
        return database.read("reading content slots", c -> {
            Map<String, List<ContentVariant>> slots = new LinkedHashMap<>();
            try (PreparedStatement query = c.prepareStatement("SELECT s.slot, v.position, v.id, v.text, "
                    + "v.condition_fields, v.condition_comparisons, v.condition_values FROM content_slots s "
                    + "LEFT JOIN content_variants v ON v.slot = s.slot ORDER BY s.seq, v.position");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    List<ContentVariant> variants = slots.computeIfAbsent(rows.getString(1), s -> new ArrayList<>());
                    rows.getInt(2);
                    if (!rows.wasNull()) {
                        variants.add(new ContentVariant(rows.getString(3), rows.getString(4), conditions(rows)));
                    }
                }
            }
            slots.replaceAll((slot, variants) -> List.copyOf(variants));
            return Collections.unmodifiableMap(slots);
        });
    }

    private static List<Condition> conditions(ResultSet rows) throws SQLException {
        String[] fields = (String[]) rows.getArray(5).getArray();
        String[] comparisons = (String[]) rows.getArray(6).getArray();
        String[] values = (String[]) rows.getArray(7).getArray();
        List<Condition> conditions = new ArrayList<>(fields.length);
        for (int i = 0; i < fields.length; i++) {
            String field = fields[i];
            String comparison = comparisons[i];
            conditions.add(new Condition(
                    ProfileField.fromWire(field).orElseThrow(() -> unknown("condition_fields", field)),
                    Comparison.fromWire(comparison).orElseThrow(() -> unknown("condition_comparisons", comparison)),
                    values[i]));
        }
        return conditions;
    }

    private static PostgresStoreException unknown(String column, String value) {
        return new PostgresStoreException("column content_variants." + column + " holds an unknown value: " + value);
    }
}
