package dev.grat.store.sqlite;

import dev.grat.declared.Declaration;
import dev.grat.store.DeclaredStore;
import dev.grat.store.sealed.Blinder;
import dev.grat.store.sealed.RecordCipher;
import dev.grat.store.sealed.RecordCodec;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Declared preferences in {@code declared_preferences}, one row per visitor (the keyed hash of the visitor id), the
 * declaration sealed with the visitor's key. A put replaces the row in place; {@code secure_delete} zeroes the old
 * cells, and the write-ahead log, which still holds the page as it was, is checkpointed and truncated right after,
 * so that a corrected declaration is not in any file of the data directory, not even as ciphertext.
 */
final class SqliteDeclared implements DeclaredStore {

    private static final System.Logger LOG = System.getLogger(SqliteDeclared.class.getName());
    private static final String SEALED = "SELECT d.visitor_hash, k.data_key, d.payload FROM declared_preferences d "
            + "JOIN " + KeyFile.SCHEMA + ".subjects k ON k.visitor_hash = d.visitor_hash ";

    private final GroupCommitWriter writer;
    private final ReadPool reads;
    private final Keyring keyring;

    SqliteDeclared(GroupCommitWriter writer, ReadPool reads, Keyring keyring) {
        this.writer = writer;
        this.reads = reads;
        this.keyring = keyring;
    }

    /** Deletes the visitor's declaration inside the store's erasure transaction. */
    static int deleteOfVisitor(Connection connection, byte[] visitorHash) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM declared_preferences WHERE visitor_hash = ?")) {
            delete.setBytes(1, visitorHash);
            return delete.executeUpdate();
        }
    }

    @Override
    public void put(Declaration declaration) {
        Objects.requireNonNull(declaration, "declaration");
        byte[] plaintext = RecordCodec.declaration(declaration);
        writer.write("declaring preferences", 1, c -> {
            Subject subject = keyring.acquire(c, List.of(declaration.visitorId()), keyring.blinder())
                    .get(declaration.visitorId());
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO declared_preferences "
                    + "(visitor_hash, declared_at, payload) VALUES (?, ?, ?) ON CONFLICT (visitor_hash) "
                    + "DO UPDATE SET declared_at = excluded.declared_at, payload = excluded.payload")) {
                upsert.setBytes(1, subject.visitorHash());
                upsert.setLong(2, declaration.declaredAt().toEpochMilli());
                upsert.setBytes(3, keyring.seal(subject, RecordCipher.Kind.DECLARED, plaintext));
                return upsert.executeUpdate();
            }
        }, (c, rows) -> truncateLog(c));
    }

    @Override
    public Optional<Declaration> get(String visitorId) {
        Objects.requireNonNull(visitorId, "visitorId");
        byte[] visitorHash = keyring.blinder().hash(Blinder.Domain.VISITOR, visitorId);
        return reads.read("reading a visitor's declared preferences", c -> {
            try (PreparedStatement query = c.prepareStatement(SEALED + "WHERE d.visitor_hash = ?")) {
                query.setBytes(1, visitorHash);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(declaration(rows)) : Optional.<Declaration>empty();
                }
            }
        });
    }

    @Override
    public boolean erase(String visitorId) {
        Objects.requireNonNull(visitorId, "visitorId");
        byte[] visitorHash = keyring.blinder().hash(Blinder.Domain.VISITOR, visitorId);
        int deleted = writer.write("removing a visitor's declared preferences", 1,
                c -> deleteOfVisitor(c, visitorHash), (c, rows) -> truncateLog(c));
        return deleted > 0;
    }

    @Override
    public List<String> eraseBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return writer.write("retention of declared preferences", 1, c -> {
            List<String> removed = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement(SEALED + "WHERE d.declared_at < ?")) {
                query.setLong(1, cutoff.toEpochMilli());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        removed.add(declaration(rows).visitorId());
                    }
                }
            }
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM declared_preferences WHERE declared_at < ?")) {
                delete.setLong(1, cutoff.toEpochMilli());
                delete.executeUpdate();
            }
            return removed;
        });
    }

    @Override
    public void forEach(Consumer<Declaration> action) {
        Objects.requireNonNull(action, "action");
        reads.read("reading every declaration", c -> {
            try (PreparedStatement query = c.prepareStatement(SEALED + "ORDER BY d.visitor_hash");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    action.accept(declaration(rows));
                }
            }
            return null;
        });
    }

    /**
     * The old version of the row's page stays in the write-ahead log until it is checkpointed and truncated. A
     * reader holding the log open makes the truncation fail; the declaration is committed all the same, so this
     * warns instead of failing, and the next put, erasure or retention run truncates it.
     */
    private static void truncateLog(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            result.next();
            if (result.getInt(1) != 0) {
                LOG.log(System.Logger.Level.WARNING, "readers kept the write-ahead log busy: the replaced declared"
                        + " preferences stay in it until the next checkpoint");
            }
        }
    }

    private Declaration declaration(ResultSet rows) throws SQLException {
        return RecordCodec.declaration(keyring.open(rows, 1, RecordCipher.Kind.DECLARED));
    }
}
