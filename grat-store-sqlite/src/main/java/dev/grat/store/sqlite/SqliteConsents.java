package dev.grat.store.sqlite;

import dev.grat.consent.ConsentEntry;
import dev.grat.store.ConsentStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** The consent ledger: one row per entry, never updated. */
final class SqliteConsents implements ConsentStore {

    private static final String COLUMNS = "visitor_id, granted, recorded_at, source, policy_version, "
            + "global_privacy_control";

    private final GroupCommitWriter writer;
    private final ReadPool reads;
    private final JsonColumns json;

    SqliteConsents(GroupCommitWriter writer, ReadPool reads, JsonColumns json) {
        this.writer = writer;
        this.reads = reads;
        this.json = json;
    }

    @Override
    public void append(ConsentEntry entry) {
        Objects.requireNonNull(entry, "entry");
        String granted = json.purposes(entry.granted());
        writer.write("appending a consent entry", 1, c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO consent_entries (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, entry.visitorId());
                insert.setString(2, granted);
                insert.setLong(3, entry.recordedAt().toEpochMilli());
                insert.setString(4, entry.source());
                insert.setString(5, entry.policyVersion());
                insert.setBoolean(6, entry.globalPrivacyControl());
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public List<ConsentEntry> history(String visitorId) {
        Objects.requireNonNull(visitorId, "visitorId");
        return reads.read("reading a visitor's consent history", c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM consent_entries WHERE visitor_id = ? ORDER BY recorded_at, seq")) {
                query.setString(1, visitorId);
                List<ConsentEntry> entries = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        entries.add(entry(rows));
                    }
                }
                return entries;
            }
        });
    }

    @Override
    public void forEachLatest(Consumer<ConsentEntry> action) {
        Objects.requireNonNull(action, "action");
        reads.read("replay of the latest consent entries", c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT " + COLUMNS + " FROM (SELECT " + COLUMNS
                    + ", row_number() OVER (PARTITION BY visitor_id ORDER BY recorded_at DESC, seq DESC) AS newest"
                    + " FROM consent_entries) WHERE newest = 1");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    action.accept(entry(rows));
                }
            }
            return null;
        });
    }

    private ConsentEntry entry(ResultSet rows) throws SQLException {
        return new ConsentEntry(rows.getString(1), json.purposes(rows.getString(2), "consent_entries.granted"),
                Instant.ofEpochMilli(rows.getLong(3)), rows.getString(4), rows.getString(5), rows.getBoolean(6));
    }
}
