package dev.grat.store.sqlite;

import dev.grat.decide.bandit.DecisionStateStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The decision service's state (policies, experiments) in the {@code decision_state} table: key to bytes. */
final class SqliteDecisionState implements DecisionStateStore {

    private final GroupCommitWriter writer;
    private final ReadPool reads;

    SqliteDecisionState(GroupCommitWriter writer, ReadPool reads) {
        this.writer = writer;
        this.reads = reads;
    }

    @Override
    public Map<String, byte[]> loadAll() {
        return reads.read("reading the decision state", c -> {
            Map<String, byte[]> entries = new TreeMap<>();
            try (PreparedStatement query = c.prepareStatement("SELECT key, value FROM decision_state");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    entries.put(rows.getString(1), rows.getBytes(2));
                }
            }
            return entries;
        });
    }

    @Override
    public void put(String key, byte[] value) {
        Objects.requireNonNull(key, "key");
        byte[] copy = Objects.requireNonNull(value, "value").clone();
        writer.write("storing decision state " + key, 1, c -> {
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO decision_state (key, value) VALUES (?, ?) "
                    + "ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
                upsert.setString(1, key);
                upsert.setBytes(2, copy);
                return upsert.executeUpdate();
            }
        });
    }

    @Override
    public void remove(String key) {
        Objects.requireNonNull(key, "key");
        writer.write("removing decision state " + key, 1, c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM decision_state WHERE key = ?")) {
                delete.setString(1, key);
                return delete.executeUpdate();
            }
        });
    }
}
