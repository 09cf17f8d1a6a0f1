package dev.grat.store.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grat.declared.Declaration;
import dev.grat.declared.DeclaredPreferences;
import dev.grat.store.DeclaredStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Declared preferences in {@code declared_preferences}, one row per visitor, the declaration as JSON in the wire
 * format's shape. A put replaces the row in place; {@code secure_delete} zeroes the old cells, and the write-ahead
 * log, which still holds the page as it was, is checkpointed and truncated right after, so that a corrected
 * declaration is not readable in any file of the data directory.
 */
final class SqliteDeclared implements DeclaredStore {

    private static final System.Logger LOG = System.getLogger(SqliteDeclared.class.getName());
    private static final String SELECT = "SELECT visitor_id, declared_at, source, preferences FROM declared_preferences";

    private final GroupCommitWriter writer;
    private final ReadPool reads;
    private final ObjectMapper mapper = new ObjectMapper();

    SqliteDeclared(GroupCommitWriter writer, ReadPool reads) {
        this.writer = writer;
        this.reads = reads;
    }

    /** Deletes the visitor's declaration inside the store's erasure transaction. */
    static int deleteOfVisitor(Connection connection, String visitorId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM declared_preferences WHERE visitor_id = ?")) {
            delete.setString(1, visitorId);
            return delete.executeUpdate();
        }
    }

    @Override
    public void put(Declaration declaration) {
        Objects.requireNonNull(declaration, "declaration");
        String json = toJson(declaration.preferences());
        writer.write("declaring preferences", 1, c -> {
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO declared_preferences "
                    + "(visitor_id, declared_at, source, preferences) VALUES (?, ?, ?, ?) ON CONFLICT (visitor_id) "
                    + "DO UPDATE SET declared_at = excluded.declared_at, source = excluded.source, "
                    + "preferences = excluded.preferences")) {
                upsert.setString(1, declaration.visitorId());
                upsert.setLong(2, declaration.declaredAt().toEpochMilli());
                upsert.setString(3, declaration.source());
                upsert.setString(4, json);
                return upsert.executeUpdate();
            }
        }, (c, rows) -> truncateLog(c));
    }

    @Override
    public Optional<Declaration> get(String visitorId) {
        Objects.requireNonNull(visitorId, "visitorId");
        return reads.read("reading a visitor's declared preferences", c -> {
            try (PreparedStatement query = c.prepareStatement(SELECT + " WHERE visitor_id = ?")) {
                query.setString(1, visitorId);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(declaration(rows)) : Optional.<Declaration>empty();
                }
            }
        });
    }

    @Override
    public boolean erase(String visitorId) {
        Objects.requireNonNull(visitorId, "visitorId");
        int deleted = writer.write("removing a visitor's declared preferences", 1,
                c -> deleteOfVisitor(c, visitorId), (c, rows) -> truncateLog(c));
        return deleted > 0;
    }

    @Override
    public List<String> eraseBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return writer.write("retention of declared preferences", 1, c -> {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM declared_preferences WHERE declared_at < ? RETURNING visitor_id")) {
                delete.setLong(1, cutoff.toEpochMilli());
                List<String> removed = new ArrayList<>();
                try (ResultSet rows = delete.executeQuery()) {
                    while (rows.next()) {
                        removed.add(rows.getString(1));
                    }
                }
                return removed;
            }
        });
    }

    @Override
    public void forEach(Consumer<Declaration> action) {
        Objects.requireNonNull(action, "action");
        reads.read("reading every declaration", c -> {
            try (PreparedStatement query = c.prepareStatement(SELECT + " ORDER BY visitor_id");
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
        return new Declaration(rows.getString(1), fromJson(rows.getString(4)), Instant.ofEpochMilli(rows.getLong(2)),
                rows.getString(3));
    }

    private String toJson(DeclaredPreferences preferences) {
        ObjectNode node = mapper.createObjectNode();
        ObjectNode likes = node.putObject("likes");
        preferences.likedCategories().forEach(likes.putArray("categories")::add);
        preferences.likedBrands().forEach(likes.putArray("brands")::add);
        preferences.dislikedCategories().forEach(node.putObject("dislikes").putArray("categories")::add);
        ObjectNode sizes = node.putObject("sizes");
        preferences.sizes().forEach(sizes::put);
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new SqliteStoreException("could not write declared preferences as JSON: " + e.getMessage(), e);
        }
    }

    private DeclaredPreferences fromJson(String json) {
        try {
            JsonNode node = mapper.readTree(json);
            Map<String, String> sizes = new LinkedHashMap<>();
            node.path("sizes").properties().forEach(e -> sizes.put(e.getKey(), e.getValue().asText()));
            return new DeclaredPreferences(texts(node.path("likes").path("categories")),
                    texts(node.path("likes").path("brands")), texts(node.path("dislikes").path("categories")), sizes);
        } catch (JsonProcessingException e) {
            throw new SqliteStoreException("declared_preferences.preferences holds invalid JSON: " + e.getMessage(), e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(value -> texts.add(value.asText()));
        return texts;
    }
}
