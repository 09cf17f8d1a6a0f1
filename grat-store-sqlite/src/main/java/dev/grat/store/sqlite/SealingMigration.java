package dev.grat.store.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grat.consent.ConsentEntry;
import dev.grat.consent.LedgerLink;
import dev.grat.declared.Declaration;
import dev.grat.declared.DeclaredPreferences;
import dev.grat.event.Channel;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.store.IdentityLink;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Schema version 4: seals the personal rows of a version-3 database with per-visitor keys. Visitor, customer and
 * event ids become keyed hashes; events, consent entries, identity links and declared preferences become payloads
 * sealed with the visitor's key (the chain columns of the ledger, event types and times stay clear).
 *
 * <p>The keys are created first, in a transaction of the key file alone ({@link #createKeys}); the rows are then
 * rewritten in the migration's transaction. SQLite commits attached WAL databases one after the other, not
 * atomically, so this order makes sure no sealed row is ever committed before its key: a crash in between leaves
 * keys that open nothing, and the next start runs the migration again.
 */
final class SealingMigration {

    static final List<String> VERSION_4 = List.of(
            "CREATE TABLE key_file (id INTEGER PRIMARY KEY CHECK (id = 1), file_id BLOB NOT NULL)",
            """
            CREATE TABLE events (
              seq INTEGER PRIMARY KEY,
              id_hash BLOB NOT NULL UNIQUE,
              type TEXT NOT NULL,
              visitor_hash BLOB NOT NULL,
              ts INTEGER NOT NULL,
              payload BLOB NOT NULL)""",
            "CREATE INDEX events_by_time ON events (ts)",
            "CREATE INDEX events_by_visitor ON events (visitor_hash, ts)",
            "CREATE TABLE anonymous_ids (id_hash BLOB PRIMARY KEY, received_day INTEGER NOT NULL) WITHOUT ROWID",
            // A tombstone keeps only seq, previous_hash and hash.
            """
            CREATE TABLE consent_entries (
              seq INTEGER PRIMARY KEY,
              previous_hash TEXT NOT NULL,
              hash TEXT NOT NULL,
              visitor_hash BLOB,
              recorded_at INTEGER,
              payload BLOB)""",
            "CREATE INDEX consent_by_visitor ON consent_entries (visitor_hash, recorded_at)",
            """
            CREATE TABLE identity_links (
              seq INTEGER PRIMARY KEY,
              customer_hash BLOB NOT NULL,
              visitor_hash BLOB NOT NULL,
              linked_at INTEGER NOT NULL,
              payload BLOB NOT NULL,
              UNIQUE (customer_hash, visitor_hash))""",
            "CREATE INDEX links_by_visitor ON identity_links (visitor_hash)",
            "CREATE INDEX links_by_time ON identity_links (linked_at)",
            """
            CREATE TABLE declared_preferences (
              visitor_hash BLOB PRIMARY KEY,
              declared_at INTEGER NOT NULL,
              payload BLOB NOT NULL) WITHOUT ROWID""",
            "CREATE INDEX declared_by_time ON declared_preferences (declared_at)");

    private static final List<String> TABLES = List.of("events", "anonymous_ids", "consent_entries",
            "identity_links", "declared_preferences");
    private static final List<String> INDEXES = List.of("events_by_time", "events_by_visitor", "consent_by_visitor",
            "links_by_visitor", "links_by_time", "declared_by_time");

    private final Connection connection;
    private final Keyring keyring;
    private final Blinder blinder;
    private final JsonColumns json = new JsonColumns();
    private final ObjectMapper mapper = new ObjectMapper();

    private SealingMigration(Connection connection, Keyring keyring) {
        this.connection = connection;
        this.keyring = keyring;
        this.blinder = keyring.blinder();
    }

    /**
     * Creates a key for every visitor of a version-3 database and commits it to the key file, before the rows are
     * sealed. {@code connection} is in auto-commit mode.
     */
    static void createKeys(Connection connection, Keyring keyring, int version) throws SQLException {
        List<String> visitorIds = new ArrayList<>();
        String declared = version >= 3 ? " UNION SELECT visitor_id FROM declared_preferences" : "";
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT visitor_id FROM events UNION "
                     + "SELECT visitor_id FROM identity_links UNION "
                     + "SELECT visitor_id FROM consent_entries WHERE visitor_id IS NOT NULL" + declared)) {
            while (rows.next()) {
                visitorIds.add(rows.getString(1));
            }
        }
        commitKeys(connection, keyring, visitorIds);
    }

    /**
     * Creates the visitors' missing keys and commits them to the key file in a transaction of their own, before any
     * of their rows is sealed: SQLite commits attached WAL databases one after the other, so this order never leaves
     * a sealed row without its key. {@code connection} is in auto-commit mode.
     */
    static void commitKeys(Connection connection, Keyring keyring, List<String> visitorIds) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            try {
                keyring.acquire(connection, visitorIds, keyring.blinder());
                statement.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                statement.execute("ROLLBACK");
                throw e;
            }
        }
    }

    /** Replaces the version-3 tables by sealed ones, inside the caller's transaction. */
    static void seal(Connection connection, Keyring keyring) throws SQLException {
        new SealingMigration(connection, keyring).run();
    }

    private void run() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String index : INDEXES) {
                statement.execute("DROP INDEX " + index);
            }
            for (String table : TABLES) {
                statement.execute("ALTER TABLE " + table + " RENAME TO " + table + "_v3");
            }
            for (String ddl : VERSION_4) {
                statement.execute(ddl);
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO key_file (id, file_id) VALUES (1, ?)")) {
            insert.setBytes(1, keyring.fileId());
            insert.executeUpdate();
        }
        sealEvents();
        hashAnonymousIds();
        sealConsents();
        sealLinks();
        sealDeclarations();
        try (Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.execute("DROP TABLE " + table + "_v3");
            }
        }
    }

    private Subject subject(String visitorId) throws SQLException {
        return keyring.acquire(connection, List.of(visitorId), blinder).get(visitorId);
    }

    private void sealEvents() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT seq, id, type, visitor_id, customer_id, channel, ts, "
                     + "item_id, category_id, query, items, currency, decision_id, properties FROM events_v3");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO events "
                     + "(seq, id_hash, type, visitor_hash, ts, payload) VALUES (?, ?, ?, ?, ?, ?)")) {
            while (rows.next()) {
                Event event = new Event(rows.getString(2), known(EventType.fromWire(rows.getString(3)), "type",
                        rows.getString(3)), rows.getString(4), rows.getString(5),
                        known(Channel.fromWire(rows.getString(6)), "channel", rows.getString(6)),
                        Instant.ofEpochMilli(rows.getLong(7)), rows.getString(8), rows.getString(9),
                        rows.getString(10), json.lineItems(rows.getString(11), "events.items"), rows.getString(12),
                        rows.getString(13), json.stringMap(rows.getString(14), "events.properties"));
                Subject subject = subject(event.visitorId());
                insert.setLong(1, rows.getLong(1));
                insert.setBytes(2, blinder.hash(Blinder.Domain.EVENT_ID, event.id()));
                insert.setString(3, event.type().wireName());
                insert.setBytes(4, subject.visitorHash());
                insert.setLong(5, event.timestamp().toEpochMilli());
                insert.setBytes(6, keyring.seal(subject, RecordCipher.Kind.EVENT, RecordCodec.event(event)));
                insert.executeUpdate();
            }
        }
    }

    private void hashAnonymousIds() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id, received_day FROM anonymous_ids_v3");
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO anonymous_ids (id_hash, received_day) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            while (rows.next()) {
                insert.setBytes(1, blinder.hash(Blinder.Domain.EVENT_ID, rows.getString(1)));
                insert.setLong(2, rows.getLong(2));
                insert.executeUpdate();
            }
        }
    }

    /** Tombstones stay tombstones; a row that cannot be read stops the migration with its sequence number. */
    private void sealConsents() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT seq, previous_hash, hash, salt, visitor_id, granted, "
                     + "recorded_at, source, policy_version, global_privacy_control, notice_hash, objected, "
                     + "restricted FROM consent_entries_v3 ORDER BY seq")) {
            while (rows.next()) {
                LedgerLink link = new LedgerLink(rows.getLong(1), rows.getString(2), rows.getString(3));
                String visitorId = rows.getString(5);
                if (visitorId == null) {
                    SqliteConsents.insert(connection, link, null, null, null);
                    continue;
                }
                ConsentEntry entry = consentEntry(rows, link);
                Subject subject = subject(visitorId);
                SqliteConsents.insert(connection, link, subject, entry.recordedAt().toEpochMilli(), keyring.seal(
                        subject, RecordCipher.Kind.CONSENT, RecordCodec.consent(entry, rows.getString(4))));
            }
        }
    }

    private ConsentEntry consentEntry(ResultSet rows, LedgerLink link) throws SQLException {
        try {
            return new ConsentEntry(rows.getString(5), json.purposes(rows.getString(6), "consent_entries.granted"),
                    Instant.ofEpochMilli(rows.getLong(7)), rows.getString(8), rows.getString(9), rows.getBoolean(10),
                    rows.getString(11), rows.getBoolean(12), rows.getBoolean(13));
        } catch (SqliteStoreException e) {
            throw new SqliteStoreException("consent entry " + link.sequence() + " cannot be read, so it cannot be "
                    + "encrypted for schema version 4: " + e.getMessage() + "; run the ledger verification with the "
                    + "previous Grat release and repair the entry", e);
        }
    }

    private void sealLinks() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT seq, customer_id, visitor_id, linked_at FROM identity_links_v3 ORDER BY seq");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO identity_links "
                     + "(seq, customer_hash, visitor_hash, linked_at, payload) VALUES (?, ?, ?, ?, ?)")) {
            while (rows.next()) {
                IdentityLink link = new IdentityLink(rows.getString(2), rows.getString(3),
                        Instant.ofEpochMilli(rows.getLong(4)));
                Subject subject = subject(link.visitorId());
                insert.setLong(1, rows.getLong(1));
                insert.setBytes(2, blinder.hash(Blinder.Domain.CUSTOMER, link.customerId()));
                insert.setBytes(3, subject.visitorHash());
                insert.setLong(4, link.linkedAt().toEpochMilli());
                insert.setBytes(5, keyring.seal(subject, RecordCipher.Kind.LINK, RecordCodec.link(link)));
                insert.executeUpdate();
            }
        }
    }

    private void sealDeclarations() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT visitor_id, declared_at, source, preferences FROM declared_preferences_v3");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO declared_preferences "
                     + "(visitor_hash, declared_at, payload) VALUES (?, ?, ?)")) {
            while (rows.next()) {
                Declaration declaration = new Declaration(rows.getString(1), preferences(rows.getString(4)),
                        Instant.ofEpochMilli(rows.getLong(2)), rows.getString(3));
                Subject subject = subject(declaration.visitorId());
                insert.setBytes(1, subject.visitorHash());
                insert.setLong(2, declaration.declaredAt().toEpochMilli());
                insert.setBytes(3, keyring.seal(subject, RecordCipher.Kind.DECLARED,
                        RecordCodec.declaration(declaration)));
                insert.executeUpdate();
            }
        }
    }

    /** The JSON of schema version 3's {@code declared_preferences.preferences}. */
    private DeclaredPreferences preferences(String text) {
        try {
            JsonNode node = mapper.readTree(text);
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

    private static <T> T known(java.util.Optional<T> value, String column, String stored) {
        return value.orElseThrow(() -> new SqliteStoreException("column events." + column
                + " holds an unknown value: " + stored));
    }
}
