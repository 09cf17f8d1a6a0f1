package dev.grat.store.sqlite;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Customer-to-visitor links, unique per pair, in the order they were made. A row holds the keyed hashes of the
 * customer and the visitor, the time (clear, for retention) and the link sealed with the visitor's key.
 */
final class SqliteIdentities implements IdentityStore {

    private static final String SEALED = "SELECT l.visitor_hash, k.data_key, l.payload FROM identity_links l JOIN "
            + KeyFile.SCHEMA + ".subjects k ON k.visitor_hash = l.visitor_hash ";

    private final GroupCommitWriter writer;
    private final ReadPool reads;
    private final Keyring keyring;

    SqliteIdentities(GroupCommitWriter writer, ReadPool reads, Keyring keyring) {
        this.writer = writer;
        this.reads = reads;
        this.keyring = keyring;
    }

    @Override
    public boolean link(IdentityLink link) {
        Objects.requireNonNull(link, "link");
        int inserted = writer.write("linking a customer to a visitor", 1, c -> insert(c, link));
        return inserted > 0;
    }

    private int insert(Connection connection, IdentityLink link) throws SQLException {
        Blinder blinder = keyring.blinder();
        Subject subject = keyring.acquire(connection, List.of(link.visitorId()), blinder).get(link.visitorId());
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO identity_links "
                + "(customer_hash, visitor_hash, linked_at, payload) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (customer_hash, visitor_hash) DO NOTHING")) {
            insert.setBytes(1, blinder.hash(Blinder.Domain.CUSTOMER, link.customerId()));
            insert.setBytes(2, subject.visitorHash());
            insert.setLong(3, link.linkedAt().toEpochMilli());
            insert.setBytes(4, keyring.seal(subject, RecordCipher.Kind.LINK, RecordCodec.link(link)));
            return insert.executeUpdate();
        }
    }

    @Override
    public List<IdentityLink> linksOfCustomer(String customerId) {
        Objects.requireNonNull(customerId, "customerId");
        return query("reading a customer's links", SEALED + "WHERE l.customer_hash = ? ORDER BY l.seq",
                keyring.blinder().hash(Blinder.Domain.CUSTOMER, customerId));
    }

    @Override
    public List<IdentityLink> linksOfVisitor(String visitorId) {
        Objects.requireNonNull(visitorId, "visitorId");
        return query("reading a visitor's links", SEALED + "WHERE l.visitor_hash = ? ORDER BY l.seq",
                keyring.blinder().hash(Blinder.Domain.VISITOR, visitorId));
    }

    @Override
    public List<IdentityLink> eraseBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return writer.write("retention of identity links", 1, c -> {
            List<IdentityLink> removed = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement(SEALED + "WHERE l.linked_at < ? ORDER BY l.seq")) {
                query.setLong(1, cutoff.toEpochMilli());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        removed.add(link(rows));
                    }
                }
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM identity_links WHERE linked_at < ?")) {
                delete.setLong(1, cutoff.toEpochMilli());
                delete.executeUpdate();
            }
            return removed;
        });
    }

    @Override
    public void forEach(Consumer<IdentityLink> action) {
        Objects.requireNonNull(action, "action");
        reads.read("replay of identity links", c -> {
            try (PreparedStatement query = c.prepareStatement(SEALED + "ORDER BY l.seq");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    action.accept(link(rows));
                }
            }
            return null;
        });
    }

    private List<IdentityLink> query(String description, String sql, byte[] keyHash) {
        return reads.read(description, c -> {
            try (PreparedStatement query = c.prepareStatement(sql)) {
                query.setBytes(1, keyHash);
                List<IdentityLink> links = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        links.add(link(rows));
                    }
                }
                return links;
            }
        });
    }

    private IdentityLink link(ResultSet rows) throws SQLException {
        return RecordCodec.link(keyring.open(rows, 1, RecordCipher.Kind.LINK));
    }
}
