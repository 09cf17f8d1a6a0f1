package dev.grat.store.sqlite;

import dev.grat.decide.bandit.Candidate;
import dev.grat.decide.bandit.DecisionLog;
import dev.grat.decide.bandit.DecisionRecord;
import dev.grat.decide.bandit.Outcome;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The decision log in the {@code decisions} table: one row per decision, the columns queries filter on, the
 * outcome in columns of its own (rewards update it without rewriting the record), the rest in
 * {@link DecisionColumns the body}, and the candidate set by its key in {@link SqliteDecisionCandidates
 * decision_candidates}, stored once per distinct set. Appends and outcome updates are durable when they return,
 * like every write of the store (a decision's row and its new candidate set commit together); a settled batch of
 * outcomes is one write.
 */
final class SqliteDecisionLog implements DecisionLog {

    private static final String COLUMNS = "id, slot, visitor_id, experiment_id, variant, body, reward, clicks, "
            + "conversions, revenue, settled_at";
    /** The columns, then the candidate set's key and body (null for version 1 rows, which hold their candidates). */
    private static final String SELECT = "SELECT " + COLUMNS.replaceAll("(\\w+)", "d.$1")
            + ", d.candidates, s.body FROM decisions d LEFT JOIN decision_candidates s ON s.key = d.candidates";
    /** How many decoded candidate sets one read keeps, so that a slot's history decodes each shared set once. */
    private static final int DECODED_SETS = 64;
    private static final String UPDATE_OUTCOME = "UPDATE decisions SET reward = ?, clicks = ?, conversions = ?, "
            + "revenue = ?, settled_at = ? WHERE id = ?";

    private final GroupCommitWriter writer;
    private final ReadPool reads;
    private final DecisionColumns columns = new DecisionColumns();
    private final SqliteDecisionCandidates candidates = new SqliteDecisionCandidates();

    SqliteDecisionLog(GroupCommitWriter writer, ReadPool reads) {
        this.writer = writer;
        this.reads = reads;
    }

    @Override
    public void append(DecisionRecord record) {
        Objects.requireNonNull(record, "record");
        byte[] body = columns.body(record);
        SqliteDecisionCandidates.Prepared set = candidates.prepare(record.candidates());
        writer.write("logging a decision", 1, c -> {
            candidates.store(c, set);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO decisions (" + COLUMNS
                    + ", decided_at, candidates) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, record.id());
                insert.setString(2, record.slot());
                insert.setString(3, record.visitorId());
                insert.setString(4, record.experimentId());
                insert.setString(5, record.variant());
                insert.setBytes(6, body);
                setOutcome(insert, 7, record.outcome());
                insert.setLong(12, record.decidedAt().toEpochMilli());
                insert.setBytes(13, set.key().toArray());
                return insert.executeUpdate();
            }
        });
        candidates.stored(set);
    }

    @Override
    public Optional<DecisionRecord> find(String decisionId) {
        Objects.requireNonNull(decisionId, "decisionId");
        List<DecisionRecord> found = query("reading a decision", SELECT + " WHERE d.id = ?", decisionId);
        return found.stream().findFirst();
    }

    @Override
    public void updateOutcome(String decisionId, Outcome outcome) {
        updateOutcomes(Map.of(decisionId, outcome));
    }

    @Override
    public void updateOutcomes(Map<String, Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        writer.write("storing the outcomes of " + outcomes.size() + " decisions", outcomes.size(), c -> {
            try (PreparedStatement update = c.prepareStatement(UPDATE_OUTCOME)) {
                for (Map.Entry<String, Outcome> entry : outcomes.entrySet()) {
                    setOutcome(update, 1, entry.getValue());
                    update.setString(6, entry.getKey());
                    update.addBatch();
                }
                return update.executeBatch().length;
            }
        });
    }

    @Override
    public List<DecisionRecord> unsettled() {
        List<DecisionRecord> records = new ArrayList<>();
        forEachUnsettled(records::add);
        return records;
    }

    @Override
    public void forEachUnsettled(Consumer<DecisionRecord> action) {
        forEach("reading the unsettled decisions", SELECT + " WHERE d.settled_at IS NULL ORDER BY d.seq", null, action);
    }

    @Override
    public List<DecisionRecord> ofSlot(String slot) {
        return query("reading the decisions of a slot", SELECT + " WHERE d.slot = ? ORDER BY d.seq", slot);
    }

    @Override
    public void forEachOfSlot(String slot, Consumer<DecisionRecord> action) {
        Objects.requireNonNull(slot, "slot");
        forEach("reading the decisions of a slot", SELECT + " WHERE d.slot = ? ORDER BY d.seq", slot, action);
    }

    @Override
    public List<DecisionRecord> ofExperiment(String experimentId) {
        return query("reading the decisions of an experiment", SELECT + " WHERE d.experiment_id = ? ORDER BY d.seq",
                experimentId);
    }

    @Override
    public void forEachExposure(String experimentId, Consumer<Exposure> action) {
        Objects.requireNonNull(experimentId, "experimentId");
        reads.read("counting the decisions of an experiment", c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT variant, visitor_id, reward, clicks, conversions, "
                    + "revenue, settled_at FROM decisions WHERE experiment_id = ? ORDER BY seq")) {
                query.setString(1, experimentId);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        action.accept(new Exposure(rows.getString(1), rows.getString(2), outcome(rows, 3)));
                    }
                }
            }
            return null;
        });
    }

    @Override
    public List<DecisionRecord> ofVisitor(String visitorId) {
        return query("reading the decisions of a visitor", SELECT + " WHERE d.visitor_id = ? ORDER BY d.seq", visitorId);
    }

    /**
     * Deletes the visitor's rows and returns them. {@code secure_delete} zeroes the deleted cells; copies that page
     * rebuilds left elsewhere in the file, and the write-ahead log's old pages, are removed by the rewrite of
     * {@link SqliteStore#eraseVisitor}, which Grat's erasure runs right after this (the tables share one file).
     */
    @Override
    public List<DecisionRecord> eraseVisitor(String visitorId) {
        Objects.requireNonNull(visitorId, "visitorId");
        return writer.write("erasing the decisions of a visitor", 1, c -> {
            List<DecisionRecord> removed = select(c, SELECT + " WHERE d.visitor_id = ? ORDER BY d.seq", visitorId);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM decisions WHERE visitor_id = ?")) {
                delete.setString(1, visitorId);
                delete.executeUpdate();
            }
            candidates.deleteOrphans(c);
            return removed;
        });
    }

    /**
     * Deletes settled decisions made before the cutoff ({@code decided_at}, whole milliseconds). Like
     * {@link #eraseVisitor}, the rewrite that scrubs the freed bytes is the store's ({@link SqliteStore#scrubErased()}),
     * which the retention job runs after every delete of its run.
     */
    @Override
    public int eraseBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return writer.write("retention of the decision log", 1, c -> {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM decisions WHERE decided_at < ? AND settled_at IS NOT NULL")) {
                delete.setLong(1, cutoff.toEpochMilli());
                int deleted = delete.executeUpdate();
                candidates.deleteOrphans(c);
                return deleted;
            }
        });
    }

    private List<DecisionRecord> query(String description, String sql, String key) {
        Objects.requireNonNull(key, "key");
        return reads.read(description, c -> select(c, sql, key));
    }

    private List<DecisionRecord> select(Connection connection, String sql, String key) throws SQLException {
        List<DecisionRecord> records = new ArrayList<>();
        each(connection, sql, key, records::add);
        return records;
    }

    private void forEach(String description, String sql, String key, Consumer<DecisionRecord> action) {
        Objects.requireNonNull(action, "action");
        reads.read(description, c -> {
            each(c, sql, key, action);
            return null;
        });
    }

    private void each(Connection connection, String sql, String key, Consumer<DecisionRecord> action)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            if (key != null) {
                query.setString(1, key);
            }
            try (ResultSet rows = query.executeQuery()) {
                Map<SqliteDecisionCandidates.Key, List<Candidate>> decoded = new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<SqliteDecisionCandidates.Key, List<Candidate>> eldest) {
                        return size() > DECODED_SETS;
                    }
                };
                while (rows.next()) {
                    String id = rows.getString(1);
                    action.accept(columns.record(id, rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getString(5), rows.getBytes(6), outcome(rows, 7), () -> candidateSet(rows, id, decoded)));
                }
            }
        }
    }

    /** The row's candidate set, decoded once per read however many rows share it (columns 12 and 13). */
    private static List<Candidate> candidateSet(ResultSet rows, String id,
                                                Map<SqliteDecisionCandidates.Key, List<Candidate>> decoded) {
        try {
            byte[] key = rows.getBytes(12);
            if (key == null) {
                throw SqliteDecisionCandidates.corrupt(id, "the row names no candidate set");
            }
            SqliteDecisionCandidates.Key setKey = SqliteDecisionCandidates.Key.of(key);
            List<Candidate> set = decoded.get(setKey);
            if (set == null) {
                byte[] body = rows.getBytes(13);
                if (body == null) {
                    throw SqliteDecisionCandidates.corrupt(id, "the candidate set it names is missing");
                }
                set = SqliteDecisionCandidates.read(body, id);
                decoded.put(setKey, set);
            }
            return set;
        } catch (SQLException e) {
            throw new SqliteStoreException("reading the candidate set of decision " + id + ": " + e.getMessage(), e);
        }
    }

    /** Sets the five outcome parameters from {@code first} on. The settling time is exact text (ISO-8601). */
    private static void setOutcome(PreparedStatement statement, int first, Outcome outcome) throws SQLException {
        statement.setDouble(first, outcome.reward());
        statement.setInt(first + 1, outcome.clicks());
        statement.setInt(first + 2, outcome.conversions());
        statement.setDouble(first + 3, outcome.revenue());
        statement.setString(first + 4, outcome.settledAt() == null ? null : outcome.settledAt().toString());
    }

    private static Outcome outcome(ResultSet rows, int first) throws SQLException {
        String settled = rows.getString(first + 4);
        return new Outcome(rows.getDouble(first), rows.getInt(first + 1), rows.getInt(first + 2),
                rows.getDouble(first + 3), settled == null ? null : Instant.parse(settled));
    }
}
