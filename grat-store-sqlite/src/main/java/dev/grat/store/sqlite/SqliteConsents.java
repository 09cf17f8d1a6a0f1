package dev.grat.store.sqlite;

import dev.grat.consent.ChainedEntry;
import dev.grat.consent.ConsentChain;
import dev.grat.consent.ConsentEntry;
import dev.grat.consent.LedgerLink;
import dev.grat.consent.LedgerRow;
import dev.grat.store.ConsentStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The consent ledger: one row per entry, chained by hash in sequence order, never updated except that erasure
 * turns a visitor's rows into tombstones. The single writer thread serialises appends, so each reads the head
 * (table {@code consent_head}) and writes its successor in the same transaction.
 */
final class SqliteConsents implements ConsentStore {

    private static final String ENTRY_COLUMNS = "visitor_id, granted, recorded_at, source, policy_version, "
            + "global_privacy_control, notice_hash, objected, restricted";
    private static final String CHAIN_COLUMNS = "seq, previous_hash, hash, salt, " + ENTRY_COLUMNS;

    private final GroupCommitWriter writer;
    private final ReadPool reads;
    private final JsonColumns json;

    SqliteConsents(GroupCommitWriter writer, ReadPool reads, JsonColumns json) {
        this.writer = writer;
        this.reads = reads;
        this.json = json;
    }

    @Override
    public LedgerLink append(ConsentEntry entry, String salt) {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(salt, "salt");
        ConsentEntry stored = new ConsentEntry(entry.visitorId(), entry.granted(),
                Instant.ofEpochMilli(entry.recordedAt().toEpochMilli()), entry.source(), entry.policyVersion(),
                entry.globalPrivacyControl(), entry.noticeHash(), entry.objected(), entry.restricted());
        return writer.write("appending a consent entry", 1, c -> append(c, json, stored, salt));
    }

    /** Appends on the write connection, inside the caller's transaction. */
    static LedgerLink append(Connection connection, JsonColumns json, ConsentEntry entry, String salt)
            throws SQLException {
        LedgerLink link = ConsentChain.next(readHead(connection).orElse(null), salt, entry);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO consent_entries (" + CHAIN_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, link.sequence());
            insert.setString(2, link.previousHash());
            insert.setString(3, link.hash());
            insert.setString(4, salt);
            insert.setString(5, entry.visitorId());
            insert.setString(6, json.purposes(entry.granted()));
            insert.setLong(7, entry.recordedAt().toEpochMilli());
            insert.setString(8, entry.source());
            insert.setString(9, entry.policyVersion());
            insert.setBoolean(10, entry.globalPrivacyControl());
            insert.setString(11, entry.noticeHash());
            insert.setBoolean(12, entry.objected());
            insert.setBoolean(13, entry.restricted());
            insert.executeUpdate();
        }
        try (PreparedStatement head = connection.prepareStatement(
                "INSERT OR REPLACE INTO consent_head (id, seq, previous_hash, hash) VALUES (1, ?, ?, ?)")) {
            head.setLong(1, link.sequence());
            head.setString(2, link.previousHash());
            head.setString(3, link.hash());
            head.executeUpdate();
        }
        return link;
    }

    /**
     * Replaces the visitor's rows by tombstones (sequence, previous hash, hash) inside the erasure's transaction,
     * so the chain of everybody else still verifies; returns how many rows.
     */
    static int tombstone(Connection connection, String visitorId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE consent_entries SET salt = NULL, "
                + "visitor_id = NULL, granted = NULL, recorded_at = NULL, source = NULL, policy_version = NULL, "
                + "global_privacy_control = NULL, notice_hash = NULL, objected = NULL, restricted = NULL "
                + "WHERE visitor_id = ?")) {
            update.setString(1, visitorId);
            return update.executeUpdate();
        }
    }

    @Override
    public List<ConsentEntry> history(String visitorId) {
        Objects.requireNonNull(visitorId, "visitorId");
        return reads.read("reading a visitor's consent history", c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT " + ENTRY_COLUMNS
                    + " FROM consent_entries WHERE visitor_id = ? ORDER BY recorded_at, seq")) {
                query.setString(1, visitorId);
                List<ConsentEntry> entries = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        entries.add(entry(rows, 1));
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
            try (PreparedStatement query = c.prepareStatement("SELECT " + ENTRY_COLUMNS + " FROM (SELECT "
                    + ENTRY_COLUMNS + ", row_number() OVER (PARTITION BY visitor_id ORDER BY recorded_at DESC, "
                    + "seq DESC) AS newest FROM consent_entries WHERE visitor_id IS NOT NULL) WHERE newest = 1");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    action.accept(entry(rows, 1));
                }
            }
            return null;
        });
    }

    @Override
    public Optional<ChainedEntry> latestOf(String visitorId) {
        Objects.requireNonNull(visitorId, "visitorId");
        return reads.read("reading a visitor's latest consent entry", c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT " + CHAIN_COLUMNS
                    + " FROM consent_entries WHERE visitor_id = ? ORDER BY recorded_at DESC, seq DESC LIMIT 1")) {
                query.setString(1, visitorId);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(new ChainedEntry(entry(rows, 5), link(rows)))
                            : Optional.<ChainedEntry>empty();
                }
            }
        });
    }

    @Override
    public void forEachInChain(Consumer<LedgerRow> action) {
        Objects.requireNonNull(action, "action");
        reads.read("verification of the consent ledger", c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT " + CHAIN_COLUMNS
                    + " FROM consent_entries ORDER BY seq");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    action.accept(row(rows));
                }
            }
            return null;
        });
    }

    @Override
    public Optional<LedgerLink> head() {
        return reads.read("reading the consent ledger's head", SqliteConsents::readHead);
    }

    static Optional<LedgerLink> readHead(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT seq, previous_hash, hash FROM consent_head WHERE id = 1");
             ResultSet rows = query.executeQuery()) {
            return rows.next() ? Optional.of(link(rows)) : Optional.empty();
        }
    }

    @Override
    public void putNotice(String hash, String text) {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(text, "text");
        writer.write("keeping a notice text", 1, c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO consent_notices (hash, text) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING")) {
                insert.setString(1, hash);
                insert.setString(2, text);
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public Optional<String> notice(String hash) {
        Objects.requireNonNull(hash, "hash");
        return reads.read("reading a notice text", c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT text FROM consent_notices WHERE hash = ?")) {
                query.setString(1, hash);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** A row of {@link #CHAIN_COLUMNS}: a tombstone has no visitor id; a corrupt column makes it unreadable. */
    private LedgerRow row(ResultSet rows) throws SQLException {
        LedgerLink link = link(rows);
        if (rows.getString(5) == null) {
            return LedgerRow.tombstone(link);
        }
        try {
            return LedgerRow.of(link, rows.getString(4), entry(rows, 5));
        } catch (SqliteStoreException e) {
            return LedgerRow.unreadable(link, e.getMessage());
        }
    }

    private static LedgerLink link(ResultSet rows) throws SQLException {
        return new LedgerLink(rows.getLong(1), rows.getString(2), rows.getString(3));
    }

    /** The entry whose columns ({@link #ENTRY_COLUMNS}) start at {@code first}. */
    private ConsentEntry entry(ResultSet rows, int first) throws SQLException {
        return new ConsentEntry(rows.getString(first), json.purposes(rows.getString(first + 1), "consent_entries.granted"),
                Instant.ofEpochMilli(rows.getLong(first + 2)), rows.getString(first + 3), rows.getString(first + 4),
                rows.getBoolean(first + 5), rows.getString(first + 6), rows.getBoolean(first + 7),
                rows.getBoolean(first + 8));
    }
}
