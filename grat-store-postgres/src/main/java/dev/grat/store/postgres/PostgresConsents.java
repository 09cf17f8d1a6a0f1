package dev.grat.store.postgres;

import dev.grat.consent.ConsentEntry;
import dev.grat.store.ConsentStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/** The consent ledger: one encrypted row per entry, never updated. */
final class PostgresConsents implements ConsentStore {

    private static final String SELECT_SEALED = "SELECT s.subject_id, s.data_key, c.payload FROM consent_entries c "
            + "JOIN subjects s ON s.subject_id = c.subject_id ";

    private final Database database;
    private final Keyring keyring;

    PostgresConsents(Database database, Keyring keyring) {
        this.database = database;
        this.keyring = keyring;
    }

    @Override
    public void append(ConsentEntry entry) {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(entry.visitorId(), "entry.visitorId");
        Objects.requireNonNull(entry.recordedAt(), "entry.recordedAt");
        ConsentEntry stored = new ConsentEntry(entry.visitorId(), entry.granted(),
                Instant.ofEpochMilli(entry.recordedAt().toEpochMilli()), entry.source(), entry.policyVersion(),
                entry.globalPrivacyControl());
        database.write("appending a consent entry", c -> {
            Subject subject = keyring.subjects().acquire(c, Set.of(stored.visitorId()), keyring.blinder())
                    .get(stored.visitorId());
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO consent_entries (subject_id, recorded_at, payload) VALUES (?, ?::timestamptz, ?)")) {
                insert.setBytes(1, subject.id());
                insert.setString(2, stored.recordedAt().toString());
                insert.setBytes(3, keyring.cipher().seal(subject, RecordCipher.Kind.CONSENT,
                        RecordCodec.consent(stored)));
                return insert.executeUpdate();
            }
        });
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
                        entries.add(RecordCodec.consent(keyring.open(rows, RecordCipher.Kind.CONSENT)));
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
                        action.accept(RecordCodec.consent(keyring.open(rows, RecordCipher.Kind.CONSENT)));
                    }
                }
            }
            return null;
        });
    }
}
