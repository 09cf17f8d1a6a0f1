package dev.grat.store.postgres;

import dev.grat.declared.Declaration;
import dev.grat.store.DeclaredStore;
import dev.grat.store.sealed.Blinder;
import dev.grat.store.sealed.RecordCipher;
import dev.grat.store.sealed.RecordCodec;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Declared preferences in {@code declared_preferences}: one row per visitor's subject, the declaration sealed with the
 * visitor's key (kind {@link RecordCipher.Kind#DECLARED}). A put replaces the row; the old version stays as a dead
 * tuple until vacuum reuses its space, as ciphertext readable only with the visitor's key, which erasure destroys.
 */
final class PostgresDeclared implements DeclaredStore {

    private static final String SELECT = "SELECT s.subject_id, s.data_key, d.record FROM declared_preferences d "
            + "JOIN subjects s ON s.subject_id = d.subject_id ";

    private final Database database;
    private final Keyring keyring;

    PostgresDeclared(Database database, Keyring keyring) {
        this.database = database;
        this.keyring = keyring;
    }

    /** Deletes the subject's declaration inside the store's erasure transaction. */
    static int deleteOfSubject(Connection connection, byte[] subjectId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM declared_preferences WHERE subject_id = ?")) {
            delete.setBytes(1, subjectId);
            return delete.executeUpdate();
        }
    }

    @Override
    public void put(Declaration declaration) {
        Objects.requireNonNull(declaration, "declaration");
        Declaration stored = new Declaration(declaration.visitorId(), declaration.preferences(),
                Instant.ofEpochMilli(declaration.declaredAt().toEpochMilli()), declaration.source());
        database.write("declaring preferences", c -> {
            Subject subject = keyring.subjects().acquire(c, List.of(stored.visitorId()), keyring.blinder())
                    .get(stored.visitorId());
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO declared_preferences "
                    + "(subject_id, declared_at, record) VALUES (?, ?, ?) ON CONFLICT (subject_id) "
                    + "DO UPDATE SET declared_at = excluded.declared_at, record = excluded.record")) {
                upsert.setBytes(1, subject.id());
                upsert.setObject(2, OffsetDateTime.ofInstant(stored.declaredAt(), ZoneOffset.UTC));
                upsert.setBytes(3, keyring.cipher().seal(subject, RecordCipher.Kind.DECLARED,
                        RecordCodec.declaration(stored)));
                return upsert.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Declaration> get(String visitorId) {
        Objects.requireNonNull(visitorId, "visitorId");
        byte[] visitorHash = keyring.blinder().hash(Blinder.Domain.VISITOR, visitorId);
        return database.read("reading a visitor's declared preferences", c -> {
            try (PreparedStatement query = c.prepareStatement(SELECT
                    + "WHERE s.bucket = ? AND s.visitor_hash = ?")) {
                query.setInt(1, Blinder.bucket(visitorHash));
                query.setBytes(2, visitorHash);
                List<Declaration> found = declarations(query);
                return found.isEmpty() ? Optional.<Declaration>empty() : Optional.of(found.getFirst());
            }
        });
    }

    @Override
    public boolean erase(String visitorId) {
        Objects.requireNonNull(visitorId, "visitorId");
        byte[] visitorHash = keyring.blinder().hash(Blinder.Domain.VISITOR, visitorId);
        int deleted = database.write("removing a visitor's declared preferences", c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM declared_preferences WHERE subject_id = "
                    + "(SELECT subject_id FROM subjects WHERE bucket = ? AND visitor_hash = ?)")) {
                delete.setInt(1, Blinder.bucket(visitorHash));
                delete.setBytes(2, visitorHash);
                return delete.executeUpdate();
            }
        });
        return deleted > 0;
    }

    @Override
    public List<String> eraseBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return database.write("retention of declared preferences", c -> {
            try (PreparedStatement delete = c.prepareStatement("WITH gone AS (DELETE FROM declared_preferences "
                    + "WHERE declared_at < ? RETURNING subject_id, record) SELECT g.subject_id, s.data_key, g.record "
                    + "FROM gone g JOIN subjects s ON s.subject_id = g.subject_id")) {
                delete.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
                return declarations(delete).stream().map(Declaration::visitorId).toList();
            }
        });
    }

    @Override
    public void forEach(Consumer<Declaration> action) {
        Objects.requireNonNull(action, "action");
        database.read("reading every declaration", c -> {
            try (PreparedStatement query = c.prepareStatement(SELECT + "ORDER BY d.declared_at")) {
                query.setFetchSize(1000);
                declarations(query).forEach(action);
            }
            return null;
        });
    }

    private List<Declaration> declarations(PreparedStatement query) throws SQLException {
        List<Declaration> declarations = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                declarations.add(RecordCodec.declaration(keyring.open(rows, RecordCipher.Kind.DECLARED)));
            }
        }
        return declarations;
    }
}
