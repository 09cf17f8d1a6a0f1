package dev.grat.store.sqlite;

import dev.grat.consent.ChainedEntry;
import dev.grat.consent.ConsentChain;
import dev.grat.consent.ConsentEntry;
import dev.grat.consent.LedgerLink;
import dev.grat.consent.LedgerRow;
import dev.grat.store.ConsentStore;
import dev.grat.store.sealed.Blinder;
import dev.grat.store.sealed.RecordCipher;
import dev.grat.store.sealed.RecordCodec;
import dev.grat.store.sealed.SealedRecordException;

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
 *
 * <p>A row holds the chain columns (sequence, previous hash, hash) in clear, the keyed hash of the visitor id, the
 * time (for ordering) and the entry with its salt sealed with the visitor's key. The chain hashes the plaintext
 * entry, so verification opens each row; a tombstone keeps only the chain columns.
 */
final class SqliteConsents implements ConsentStore {

    /** Chain columns, then a sealed entry with its key: visitor hash, data key (null without a key), payload. */
    private static final String CHAINED = "SELECT c.seq, c.previous_hash, c.hash, c.visitor_hash, k.data_key, "
            + "c.payload FROM consent_entries c LEFT JOIN " + KeyFile.SCHEMA
            + ".subjects k ON k.visitor_hash = c.visitor_hash ";
    private static final String SEALED = "SELECT c.visitor_hash, k.data_key, c.payload FROM consent_entries c JOIN "
            + KeyFile.SCHEMA + ".subjects k ON k.visitor_hash = c.visitor_hash ";

    private final GroupCommitWriter writer;
    private final ReadPool reads;
    private final Keyring keyring;

    SqliteConsents(GroupCommitWriter writer, ReadPool reads, Keyring keyring) {
        this.writer = writer;
        this.reads = reads;
        this.keyring = keyring;
    }

    @Override
    public LedgerLink append(ConsentEntry entry, String salt) {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(salt, "salt");
        ConsentEntry stored = new ConsentEntry(entry.visitorId(), entry.granted(),
                Instant.ofEpochMilli(entry.recordedAt().toEpochMilli()), entry.source(), entry.policyVersion(),
                entry.globalPrivacyControl(), entry.noticeHash(), entry.objected(), entry.restricted());
        return writer.write("appending a consent entry", 1, c -> append(c, keyring, stored, salt));
    }

    /** Appends on the write connection, inside the caller's transaction. */
    static LedgerLink append(Connection connection, Keyring keyring, ConsentEntry entry, String salt)
            throws SQLException {
        LedgerLink link = ConsentChain.next(readHead(connection).orElse(null), salt, entry);
        Subject subject = keyring.acquire(connection, List.of(entry.visitorId()), keyring.blinder())
                .get(entry.visitorId());
        insert(connection, link, subject, entry.recordedAt().toEpochMilli(),
                keyring.seal(subject, RecordCipher.Kind.CONSENT, RecordCodec.consent(entry, salt)));
        writeHead(connection, link);
        return link;
    }

    /** Inserts a sealed row; also used by the migration that seals the rows of schema version 3. */
    static void insert(Connection connection, LedgerLink link, Subject subject, Long recordedAt, byte[] payload)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO consent_entries "
                + "(seq, previous_hash, hash, visitor_hash, recorded_at, payload) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, link.sequence());
            insert.setString(2, link.previousHash());
            insert.setString(3, link.hash());
            insert.setBytes(4, subject == null ? null : subject.visitorHash());
            insert.setObject(5, recordedAt);
            insert.setBytes(6, payload);
            insert.executeUpdate();
        }
    }

    private static void writeHead(Connection connection, LedgerLink link) throws SQLException {
        try (PreparedStatement head = connection.prepareStatement(
                "INSERT OR REPLACE INTO consent_head (id, seq, previous_hash, hash) VALUES (1, ?, ?, ?)")) {
            head.setLong(1, link.sequence());
            head.setString(2, link.previousHash());
            head.setString(3, link.hash());
            head.executeUpdate();
        }
    }

    /**
     * Replaces the visitor's rows by tombstones (sequence, previous hash, hash) inside the erasure's transaction,
     * so the chain of everybody else still verifies; returns how many rows.
     */
    static int tombstone(Connection connection, byte[] visitorHash) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE consent_entries SET visitor_hash = NULL, "
                + "recorded_at = NULL, payload = NULL WHERE visitor_hash = ?")) {
            update.setBytes(1, visitorHash);
            return update.executeUpdate();
        }
    }

    @Override
    public List<ConsentEntry> history(String visitorId) {
        Objects.requireNonNull(visitorId, "visitorId");
        byte[] visitorHash = keyring.blinder().hash(Blinder.Domain.VISITOR, visitorId);
        return reads.read("reading a visitor's consent history", c -> {
            try (PreparedStatement query = c.prepareStatement(SEALED
                    + "WHERE c.visitor_hash = ? ORDER BY c.recorded_at, c.seq")) {
                query.setBytes(1, visitorHash);
                List<ConsentEntry> entries = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        entries.add(open(rows, 1).entry());
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
            try (PreparedStatement query = c.prepareStatement("SELECT c.visitor_hash, k.data_key, c.payload FROM "
                    + "(SELECT visitor_hash, payload, row_number() OVER (PARTITION BY visitor_hash "
                    + "ORDER BY recorded_at DESC, seq DESC) AS newest FROM consent_entries "
                    + "WHERE visitor_hash IS NOT NULL) c JOIN " + KeyFile.SCHEMA
                    + ".subjects k ON k.visitor_hash = c.visitor_hash WHERE c.newest = 1");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    action.accept(open(rows, 1).entry());
                }
            }
            return null;
        });
    }

    @Override
    public Optional<ChainedEntry> latestOf(String visitorId) {
        Objects.requireNonNull(visitorId, "visitorId");
        byte[] visitorHash = keyring.blinder().hash(Blinder.Domain.VISITOR, visitorId);
        return reads.read("reading a visitor's latest consent entry", c -> {
            try (PreparedStatement query = c.prepareStatement(CHAINED
                    + "WHERE c.visitor_hash = ? AND k.data_key IS NOT NULL ORDER BY c.recorded_at DESC, c.seq DESC "
                    + "LIMIT 1")) {
                query.setBytes(1, visitorHash);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(new ChainedEntry(open(rows, 4).entry(), link(rows)))
                            : Optional.<ChainedEntry>empty();
                }
            }
        });
    }

    @Override
    public void forEachInChain(Consumer<LedgerRow> action) {
        Objects.requireNonNull(action, "action");
        reads.read("verification of the consent ledger", c -> {
            try (PreparedStatement query = c.prepareStatement(CHAINED + "ORDER BY c.seq");
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

    /**
     * A row of {@link #CHAINED}: a tombstone has no visitor hash; a row whose key is missing or that does not open
     * (changed, or moved from another row) is unreadable, which verification reports as a break.
     */
    private LedgerRow row(ResultSet rows) throws SQLException {
        LedgerLink link = link(rows);
        if (rows.getBytes(4) == null) {
            return LedgerRow.tombstone(link);
        }
        if (rows.getBytes(5) == null) {
            return LedgerRow.unreadable(link, "consent_entries: the visitor's key is missing from the key file");
        }
        try {
            RecordCodec.SaltedConsent opened = open(rows, 4);
            return LedgerRow.of(link, opened.salt(), opened.entry());
        } catch (SealedRecordException e) {
            return LedgerRow.unreadable(link, "consent_entries.payload: " + e.getMessage());
        }
    }

    private static LedgerLink link(ResultSet rows) throws SQLException {
        return new LedgerLink(rows.getLong(1), rows.getString(2), rows.getString(3));
    }

    /** The sealed entry whose visitor hash, data key and payload start at column {@code first}. */
    private RecordCodec.SaltedConsent open(ResultSet rows, int first) throws SQLException {
        return RecordCodec.consent(keyring.open(rows, first, RecordCipher.Kind.CONSENT));
    }
}
