package dev.grat.store.postgres;

import dev.grat.store.IdentityLink;
import dev.grat.store.IdentityStore;
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
import java.util.Set;
import java.util.function.Consumer;

/**
 * Customer-to-visitor links, unique per pair, in the order they were made. A link belongs to its visitor: it is
 * encrypted with the visitor's key and erased with the visitor; the customer is found through a keyed hash.
 */
final class PostgresIdentities implements IdentityStore {

    private static final String SELECT_SEALED = "SELECT s.subject_id, s.data_key, l.payload FROM identity_links l "
            + "JOIN subjects s ON s.subject_id = l.subject_id ";

    private final Database database;
    private final Keyring keyring;

    PostgresIdentities(Database database, Keyring keyring) {
        this.database = database;
        this.keyring = keyring;
    }

    @Override
    public boolean link(IdentityLink link) {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(link.customerId(), "link.customerId");
        Objects.requireNonNull(link.visitorId(), "link.visitorId");
        IdentityLink stored = new IdentityLink(link.customerId(), link.visitorId(),
                Instant.ofEpochMilli(link.linkedAt().toEpochMilli()));
        int inserted = database.write("linking a customer to a visitor", c -> {
            Blinder blinder = keyring.blinder();
            Subject subject = keyring.subjects().acquire(c, Set.of(stored.visitorId()), blinder)
                    .get(stored.visitorId());
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO identity_links "
                    + "(customer_hash, subject_id, payload, linked_at) VALUES (?, ?, ?, ?) "
                    + "ON CONFLICT (customer_hash, subject_id) DO NOTHING")) {
                insert.setBytes(1, blinder.hash(Blinder.Domain.CUSTOMER, stored.customerId()));
                insert.setBytes(2, subject.id());
                insert.setBytes(3, keyring.cipher().seal(subject, RecordCipher.Kind.LINK, RecordCodec.link(stored)));
                insert.setObject(4, OffsetDateTime.ofInstant(stored.linkedAt(), ZoneOffset.UTC));
                return insert.executeUpdate();
            }
        });
        return inserted > 0;
    }

    @Override
    public List<IdentityLink> linksOfCustomer(String customerId) {
        Objects.requireNonNull(customerId, "customerId");
        byte[] customerHash = keyring.blinder().hash(Blinder.Domain.CUSTOMER, customerId);
        return database.read("reading a customer's links", c -> {
            try (PreparedStatement query = c.prepareStatement(SELECT_SEALED
                    + "WHERE l.customer_hash = ? ORDER BY l.seq")) {
                query.setBytes(1, customerHash);
                return links(query);
            }
        });
    }

    @Override
    public List<IdentityLink> linksOfVisitor(String visitorId) {
        Objects.requireNonNull(visitorId, "visitorId");
        byte[] visitorHash = keyring.blinder().hash(Blinder.Domain.VISITOR, visitorId);
        return database.read("reading a visitor's links", c -> {
            try (PreparedStatement query = c.prepareStatement(SELECT_SEALED
                    + "WHERE s.bucket = ? AND s.visitor_hash = ? ORDER BY l.seq")) {
                query.setInt(1, Blinder.bucket(visitorHash));
                query.setBytes(2, visitorHash);
                return links(query);
            }
        });
    }

    /**
     * Deletes the links made before the cutoff. Links written before schema version 5 have no clear time yet: it is
     * filled from their sealed payload first, in the same transaction.
     */
    @Override
    public List<IdentityLink> eraseBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return database.write("retention of identity links", c -> {
            fillLinkTimes(c);
            try (PreparedStatement delete = c.prepareStatement("WITH gone AS (DELETE FROM identity_links "
                    + "WHERE linked_at < ? RETURNING subject_id, payload) SELECT g.subject_id, s.data_key, g.payload "
                    + "FROM gone g JOIN subjects s ON s.subject_id = g.subject_id")) {
                delete.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
                return links(delete);
            }
        });
    }

    private void fillLinkTimes(Connection connection) throws SQLException {
        List<Object[]> times = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT s.subject_id, s.data_key, l.payload, "
                + "l.seq FROM identity_links l JOIN subjects s ON s.subject_id = l.subject_id "
                + "WHERE l.linked_at IS NULL");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                IdentityLink link = RecordCodec.link(keyring.open(rows, RecordCipher.Kind.LINK));
                times.add(new Object[] {rows.getLong(4), OffsetDateTime.ofInstant(link.linkedAt(), ZoneOffset.UTC)});
            }
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE identity_links SET linked_at = ? WHERE seq = ?")) {
            for (Object[] time : times) {
                update.setObject(1, time[1]);
                update.setLong(2, (Long) time[0]);
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    @Override
    public void forEach(Consumer<IdentityLink> action) {
        Objects.requireNonNull(action, "action");
        database.read("replay of identity links", c -> {
            try (PreparedStatement query = c.prepareStatement(SELECT_SEALED + "ORDER BY l.seq")) {
                query.setFetchSize(1000);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        action.accept(RecordCodec.link(keyring.open(rows, RecordCipher.Kind.LINK)));
                    }
                }
            }
            return null;
        });
    }

    private List<IdentityLink> links(PreparedStatement query) throws SQLException {
        List<IdentityLink> links = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                links.add(RecordCodec.link(keyring.open(rows, RecordCipher.Kind.LINK)));
            }
        }
        return links;
    }
}
