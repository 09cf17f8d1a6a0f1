package dev.grat.store.sqlite;

import dev.grat.decide.bandit.DecisionLog;
import dev.grat.decide.bandit.DecisionStateStore;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;

/**
 * The durable decision log and decision state, in the tables {@code decisions}, {@code decision_candidates} (each
 * distinct candidate set once) and {@code decision_state} of an
 * open {@link SqliteStore}'s database: the same file, the same writer thread and group commits, the same read
 * connections. Because they share the file, the store's erasure ({@code VACUUM} and truncating the write-ahead
 * log) removes every byte of a visitor's erased decisions too.
 *
 * <pre>{@code
 * SqliteStore store = SqliteStore.open(dataDir);
 * SqliteDecisions decisions = SqliteDecisions.open(store);
 * Grat grat = Grat.builder().store(store).decisionLog(decisions.log()).decisionState(decisions.state()).build();
 * }</pre>
 *
 * The tables are created on first open ({@code IF NOT EXISTS}), so a data directory written before decisions
 * existed gains them without a migration. They live as long as the store: closing the store closes them.
 */
public final class SqliteDecisions {

    // decided_at (epoch milliseconds) is for people reading the table; the exact instant is in the body. The
    // settling time is exact ISO-8601 text: which policy learned from which decision is decided by comparing it.
    private static final List<String> TABLES = List.of(
            """
            CREATE TABLE IF NOT EXISTS decisions (
              seq INTEGER PRIMARY KEY,
              id TEXT NOT NULL UNIQUE,
              slot TEXT NOT NULL,
              visitor_id TEXT,
              experiment_id TEXT,
              variant TEXT,
              decided_at INTEGER NOT NULL,
              body BLOB NOT NULL,
              reward REAL NOT NULL,
              clicks INTEGER NOT NULL,
              conversions INTEGER NOT NULL,
              revenue REAL NOT NULL,
              settled_at TEXT,
              candidates BLOB)""",
            SqliteDecisionCandidates.TABLE,
            "CREATE INDEX IF NOT EXISTS decisions_by_slot ON decisions (slot, seq)",
            "CREATE INDEX IF NOT EXISTS decisions_by_experiment ON decisions (experiment_id, seq) "
                    + "WHERE experiment_id IS NOT NULL",
            "CREATE INDEX IF NOT EXISTS decisions_by_visitor ON decisions (visitor_id, seq) WHERE visitor_id IS NOT NULL",
            "CREATE INDEX IF NOT EXISTS decisions_unsettled ON decisions (seq) WHERE settled_at IS NULL",
            "CREATE TABLE IF NOT EXISTS decision_state (key TEXT PRIMARY KEY, value BLOB NOT NULL)");
    /** Created after the column exists (a table of before the candidate sets gains it first). */
    private static final String CANDIDATES_INDEX =
            "CREATE INDEX IF NOT EXISTS decisions_by_candidates ON decisions (candidates) WHERE candidates IS NOT NULL";

    private final SqliteDecisionLog log;
    private final SqliteDecisionState state;

    private SqliteDecisions(SqliteDecisionLog log, SqliteDecisionState state) {
        this.log = log;
        this.state = state;
    }

    /** The decision log and state of an open store, creating their tables if needed. */
    public static SqliteDecisions open(SqliteStore store) {
        Objects.requireNonNull(store, "store");
        store.writer().write("creating the decision tables", 1, c -> {
            try (Statement statement = c.createStatement()) {
                for (String ddl : TABLES) {
                    statement.execute(ddl);
                }
                addCandidatesColumn(statement);
                statement.execute(CANDIDATES_INDEX);
            }
            return null;
        });
        return new SqliteDecisions(new SqliteDecisionLog(store.writer(), store.reads()),
                new SqliteDecisionState(store.writer(), store.reads()));
    }

    /**
     * A {@code decisions} table written before candidate sets were stored apart (its bodies are version 1 and hold
     * their candidates) gains the {@code candidates} column, null in its old rows.
     */
    private static void addCandidatesColumn(Statement statement) throws SQLException {
        try (ResultSet columns = statement.executeQuery("SELECT 1 FROM pragma_table_info('decisions') WHERE name = 'candidates'")) {
            if (columns.next()) {
                return;
            }
        }
        statement.execute("ALTER TABLE decisions ADD COLUMN candidates BLOB");
    }

    /** The decision log, for {@code Grat.Builder#decisionLog}. */
    public DecisionLog log() {
        return log;
    }

    /** Policies and experiments, for {@code Grat.Builder#decisionState}. */
    public DecisionStateStore state() {
        return state;
    }
}
