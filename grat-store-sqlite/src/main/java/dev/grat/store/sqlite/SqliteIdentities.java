package dev.grat.store.sqlite;

import dev.grat.store.IdentityLink;
import dev.grat.store.IdentityStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** Customer-to-visitor links, unique per pair, in the order they were made. */
final class SqliteIdentities implements IdentityStore {

    private static final String SELECT = "SELECT customer_id, visitor_id, linked_at FROM identity_links";

    private final GroupCommitWriter writer;
    private final ReadPool reads;

    SqliteIdentities(GroupCommitWriter writer, ReadPool reads) {
        this.writer = writer;
        this.reads = reads;
    }

    @Override
    public boolean link(IdentityLink link) {
        Objects.requireNonNull(link, "link");
        int inserted = writer.write("linking a customer to a visitor", 1, c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO identity_links "
                    + "(customer_id, visitor_id, linked_at) VALUES (?, ?, ?) "
                    + "ON CONFLICT (customer_id, visitor_id) DO NOTHING")) {
                insert.setString(1, link.customerId());
                insert.setString(2, link.visitorId());
                insert.setLong(3, link.linkedAt().toEpochMilli());
                return insert.executeUpdate();
            }
        });
        return inserted > 0;
    }

    @Override
    public List<IdentityLink> linksOfCustomer(String customerId) {
        Objects.requireNonNull(customerId, "customerId");
        return query("reading a customer's links", SELECT + " WHERE customer_id = ? ORDER BY seq", customerId);
    }

    @Override
    public List<IdentityLink> linksOfVisitor(String visitorId) {
        Objects.requireNonNull(visitorId, "visitorId");
        return query("reading a visitor's links", SELECT + " WHERE visitor_id = ? ORDER BY seq", visitorId);
    }

    @Override
    public List<IdentityLink> eraseBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return writer.write("retention of identity links", 1, c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM identity_links WHERE linked_at < ? "
                    + "RETURNING customer_id, visitor_id, linked_at")) {
                delete.setLong(1, cutoff.toEpochMilli());
                List<IdentityLink> removed = new ArrayList<>();
                try (ResultSet rows = delete.executeQuery()) {
                    while (rows.next()) {
                        removed.add(link(rows));
                    }
                }
                return removed;
            }
        });
    }

    @Override
    public void forEach(Consumer<IdentityLink> action) {
        Objects.requireNonNull(action, "action");
        reads.read("replay of identity links", c -> {
            try (PreparedStatement query = c.prepareStatement(SELECT + " ORDER BY seq");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    action.accept(link(rows));
                }
            }
            return null;
        });
    }

    private List<IdentityLink> query(String description, String sql, String key) {
        return reads.read(description, c -> {
            try (PreparedStatement query = c.prepareStatement(sql)) {
                query.setString(1, key);
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

    private static IdentityLink link(ResultSet rows) throws SQLException {
        return new IdentityLink(rows.getString(1), rows.getString(2), Instant.ofEpochMilli(rows.getLong(3)));
    }
}
