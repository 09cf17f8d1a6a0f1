package dev.grat.store.postgres;

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

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The consent ledger: one encrypted row per entry, chained by hash in sequence order. Appends lock the one row of
 * {@code consent_head} inside their transaction, so that entries get consecutive sequence numbers and the right
 * previous hash even when several nodes append at once. The salt is inside the encrypted payload; erasure turns a
 * visitor's rows into tombstones (only seq, previous_hash, hash) in its own transaction.
 */
final class PostgresConsents implements ConsentStore {

    private static final String SELECT_SEALED = "SELECT s.subject_id, s.data_key, c.payload FROM consent_entries c "
            + "JOIN subjects s ON s.subject_id = c.subject_id ";
    private static final String LOCK_HEAD = "SELECT seq, previous_hash, hash FROM consent_head WHERE id = 1 FOR UPDATE";

    private final Database database;
    private final Keyring keyring;

    PostgresConsents(Database database, Keyring keyring) {
        this.database = database;
        this.keyring = keyring;
    }

    @Override
    public LedgerLink append(ConsentEntry entry, String salt) {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(entry.visitorId(), "entry.visitorId");
        Objects.requireNonNull(entry.recordedAt(), "entry.recordedAt");
        Objects.requireNonNull(salt, "salt");
        ConsentEntry stored = new ConsentEntry(entry.visitorId(), entry.granted(),
                Instant.ofEpochMilli(entry.recordedAt().toEpochMilli()), entry.source(), entry.policyVersion(),
                entry.globalPrivacyControl(), entry.noticeHash(), entry.objected(), entry.restricted());
        return database.write("appending a consent entry", c -> {
            // The head first, then the subject: the same order in every append, so appends never deadlock.
            Optional<LedgerLink> head = lockHead(c);
            Subject subject = keyring.subjects().acquire(c, Set.of(stored.visitorId()), keyring.blinder())
                    .get(stored.visitorId());
            LedgerLink link = ConsentChain.next(head.orElse(null), salt, stored);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO consent_entries (seq, subject_id, "
                    + "recorded_at, payload, previous_hash, hash) VALUES (?, ?, ?::timestamptz, ?, ?, ?)")) {
                insert.setLong(1, link.sequence());
                insert.setBytes(2, subject.id());
                insert.setString(3, stored.recordedAt().toString());
                insert.setBytes(4, keyring.cipher().seal(subject, RecordCipher.Kind.CONSENT,
                        RecordCodec.consent(stored, salt)));
                insert.setString(5, link.previousHash());
                insert.setString(6, link.hash());
                insert.executeUpdate();
            }
            moveHead(c, link);
            return link;
        });
    }

    /**
     * Gives the rows written by schema version 1 (no hash yet) their place in the chain, in sequence order, each
     * with a fresh salt sealed into its payload. Runs when the store opens; under the head lock, so that of
     * several nodes opening at once one does it and the others find nothing left.
     */
    void chainVersion1Entries(SecureRandom random) {
        database.write("chaining the consent entries of schema version 1", c -> {
            Optional<LedgerLink> head = lockHead(c);
            List<LegacyRow> legacy = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("SELECT s.subject_id, s.data_key, c.payload, c.seq "
                    + "FROM consent_entries c JOIN subjects s ON s.subject_id = c.subject_id "
                    + "WHERE c.hash IS NULL ORDER BY c.seq");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    legacy.add(new LegacyRow(new Subject(rows.getBytes(1), rows.getBytes(2)), rows.getBytes(3),
                            rows.getLong(4)));
                }
            }
            LedgerLink last = head.orElse(null);
            for (LegacyRow row : legacy) {
                last = rechain(c, row, last, random);
            }
            if (last != null) {
                moveHead(c, last);
            }
            return legacy.size();
        });
    }

    private record LegacyRow(Subject subject, byte[] payload, long sequence) {
    }

    private LedgerLink rechain(Connection connection, LegacyRow row, LedgerLink head, SecureRandom random)
            throws SQLException {
        ConsentEntry entry = RecordCodec.consent(keyring.cipher().open(row.subject(), RecordCipher.Kind.CONSENT,
                row.payload())).entry();
        String salt = ConsentChain.newSalt(random);
        LedgerLink link = ConsentChain.next(head, salt, entry);
        // Version 1 deleted erased rows; the new sequence numbers close those gaps (never above the old ones).
        try (PreparedStatement update = connection.prepareStatement("UPDATE consent_entries SET seq = ?, "
                + "previous_hash = ?, hash = ?, payload = ? WHERE seq = ?")) {
            update.setLong(1, link.sequence());
            update.setString(2, link.previousHash());
            update.setString(3, link.hash());
            update.setBytes(4, keyring.cipher().seal(row.subject(), RecordCipher.Kind.CONSENT,
                    RecordCodec.consent(entry, salt)));
            update.setLong(5, row.sequence());
            update.executeUpdate();
        }
        return link;
    }

    private static Optional<LedgerLink> lockHead(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(LOCK_HEAD);
             ResultSet rows = query.executeQuery()) {
            if (!rows.next()) {
                throw new SQLException("the consent ledger's head row is missing from consent_head");
            }
            return rows.getLong(1) == 0 ? Optional.empty() : Optional.of(link(rows, 1));
        }
    }

    private static void moveHead(Connection connection, LedgerLink link) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE consent_head SET seq = ?, previous_hash = ?, hash = ? WHERE id = 1")) {
            update.setLong(1, link.sequence());
            update.setString(2, link.previousHash());
            update.setString(3, link.hash());
            update.executeUpdate();
        }
    }

    /** Inside the erasure's transaction: the subject's rows keep only seq, previous_hash and hash. */
    static int tombstone(Connection connection, byte[] subjectId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE consent_entries SET subject_id = NULL, "
                + "recorded_at = NULL, payload = NULL WHERE subject_id = ?")) {
            update.setBytes(1, subjectId);
            return update.executeUpdate();
        }
    }

    @Override
    public List<ConsentEntry> history(String visitorId) {
        Objects.requireNonNull(visitorId, "visitorId");
        byte[] visitorHash = keyring.blinder().hash(Blinder.Domain.VISITOR, visitorId);
        return database.read("reading a visitor's consent history", c -> {
            try (PreparedStatement query = c.prepareStatement(SELECT_SEALED
                    + "WHERE s.bucket = ? AND s.visitor_hash = ? ORDER BY c.recorded_at, c.seq")) {
                query.setInt(1, Blinder.bucket(visitorHash));
                query.setBytes(2, visitorHash);
                List<ConsentEntry> entries = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        entries.add(RecordCodec.consent(keyring.open(rows, RecordCipher.Kind.CONSENT)).entry());
                    }
                }
                return entries;
            }
        });
    }

    @Override
    public void forEachLatest(Consumer<ConsentEntry> action) {
        Objects.requireNonNull(action, "action");
        database.read("replay of the latest consent entries", c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT DISTINCT ON (c.subject_id) "
                    + "s.subject_id, s.data_key, c.payload FROM consent_entries c "
                    + "JOIN subjects s ON s.subject_id = c.subject_id "
                    + "ORDER BY c.subject_id, c.recorded_at DESC, c.seq DESC")) {
                query.setFetchSize(1000);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        action.accept(RecordCodec.consent(keyring.open(rows, RecordCipher.Kind.CONSENT)).entry());
                    }
                }
            }
            return null;
        });
    }

    @Override
    public Optional<ChainedEntry> latestOf(String visitorId) {
        Objects.requireNonNull(visitorId, "visitorId");
        byte[] visitorHash = keyring.blinder().hash(Blinder.Domain.VISITOR, visitorId);
        return database.read("reading a visitor's latest consent entry", c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT s.subject_id, s.data_key, c.payload, c.seq, "
                    + "c.previous_hash, c.hash FROM consent_entries c JOIN subjects s ON s.subject_id = c.subject_id "
                    + "WHERE s.bucket = ? AND s.visitor_hash = ? ORDER BY c.recorded_at DESC, c.seq DESC LIMIT 1")) {
                query.setInt(1, Blinder.bucket(visitorHash));
                query.setBytes(2, visitorHash);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.<ChainedEntry>empty();
                    }
                    ConsentEntry entry = RecordCodec.consent(keyring.open(rows, RecordCipher.Kind.CONSENT)).entry();
                    return Optional.of(new ChainedEntry(entry, link(rows, 4)));
                }
            }
        });
    }

    @Override
    public void forEachInChain(Consumer<LedgerRow> action) {
        Objects.requireNonNull(action, "action");
        database.read("verification of the consent ledger", c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT c.seq, c.previous_hash, c.hash, s.subject_id, "
                    + "s.data_key, c.payload FROM consent_entries c "
                    + "LEFT JOIN subjects s ON s.subject_id = c.subject_id ORDER BY c.seq")) {
                query.setFetchSize(1000);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        action.accept(row(rows));
                    }
                }
            }
            return null;
        });
    }

    /** A tombstone has no payload; a payload that does not open or decode makes the row unreadable. */
    private LedgerRow row(ResultSet rows) throws SQLException {
        LedgerLink link = link(rows, 1);
        byte[] payload = rows.getBytes(6);
        if (payload == null) {
            return LedgerRow.tombstone(link);
        }
        if (rows.getBytes(4) == null) {
            return LedgerRow.unreadable(link, "its subject's key is gone but the payload is still there");
        }
        try {
            RecordCodec.SaltedConsent consent = RecordCodec.consent(keyring.cipher().open(
                    new Subject(rows.getBytes(4), rows.getBytes(5)), RecordCipher.Kind.CONSENT, payload));
            return LedgerRow.of(link, consent.salt(), consent.entry());
        } catch (SealedRecordException e) {
            return LedgerRow.unreadable(link, e.getMessage());
        }
    }

    @Override
    public Optional<LedgerLink> head() {
        return database.read("reading the consent ledger's head", c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT seq, previous_hash, hash FROM consent_head WHERE id = 1");
                 ResultSet rows = query.executeQuery()) {
                return rows.next() && rows.getLong(1) > 0 ? Optional.of(link(rows, 1)) : Optional.<LedgerLink>empty();
            }
        });
    }

    @Override
    public void putNotice(String hash, String text) {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(text, "text");
        database.write("keeping a notice text", c -> {
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
        return database.read("reading a notice text", c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT text FROM consent_notices WHERE hash = ?")) {
                query.setString(1, hash);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** The link in the three columns seq, previous_hash, hash starting at {@code first}. */
    private static LedgerLink link(ResultSet rows, int first) throws SQLException {
        return new LedgerLink(rows.getLong(first), rows.getString(first + 1), rows.getString(first + 2));
    }
}
