package dev.grat.store.sqlite;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grat.MovingClock;

import dev.grat.Grat;
import dev.grat.consent.ConsentChange;
import dev.grat.consent.Purpose;
import dev.grat.decide.bandit.Candidate;
import dev.grat.decide.bandit.DecisionAnswer;
import dev.grat.decide.bandit.DecisionLog;
import dev.grat.decide.bandit.DecisionLogContract;
import dev.grat.decide.bandit.DecisionRecord;
import dev.grat.decide.bandit.DecisionRequest;
import dev.grat.decide.bandit.DecisionSettings;
import dev.grat.decide.bandit.DecisionStateStore;
import dev.grat.decide.bandit.Outcome;
import dev.grat.decide.bandit.PolicyConfig;
import dev.grat.decide.bandit.RequestContext;
import dev.grat.decide.bandit.SlotExperiment;
import dev.grat.decide.bandit.SlotStatus;
import dev.grat.event.Channel;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.event.TrackContext;
import dev.grat.experiment.Experiment;
import dev.grat.experiment.ExperimentResults;
import dev.grat.experiment.Holdout;
import dev.grat.experiment.Variant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import java.time.Duration;
import java.time.Instant;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The decision log and state in the embedded store: the contract, durability across restarts, and erasure on disk. */
class SqliteDecisionsTest extends DecisionLogContract {

    private static final String SLOT = "home-offer";

    @TempDir
    Path dataDir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private SqliteDecisions decisions;

    private SqliteDecisions decisions() {
        if (decisions == null) {
            SqliteStore store = SqliteStore.open(dataDir);
            open.add(store);
            decisions = SqliteDecisions.open(store);
        }
        return decisions;
    }

    @Override
    protected DecisionLog log() {
        return decisions().log();
    }

    @Override
    protected DecisionStateStore state() {
        return decisions().state();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable resource : open.reversed()) {
            resource.close();
        }
    }

    private Grat engine(MovingClock clock, long seed) {
        SqliteStore store = SqliteStore.open(dataDir);
        SqliteDecisions tables = SqliteDecisions.open(store);
        Grat grat = Grat.builder().store(store).clock(clock)
                .decisionSettings(DecisionSettings.defaults().withHoldout(new Holdout("test-holdout", 0.1)))
                .decisionLog(tables.log()).decisionState(tables.state()).decisionRandom(new SplittableRandom(seed)).build();
        open.add(grat);
        return grat;
    }

    private static DecisionRequest request(String visitorId) {
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            candidates.add(new Candidate("offer-" + i, Map.of("category=" + (i % 3 == 0 ? "Shoes" : "Bags"), 1.0,
                    "discount", (i % 4) / 10.0)));
        }
        return new DecisionRequest(visitorId, SLOT, candidates, RequestContext.of("web", "desktop"), "offer-0");
    }

    private static void consent(Grat grat, String visitorId) {
        grat.setConsent(visitorId, new ConsentChange(Map.of(Purpose.ANALYTICS, true), "banner", "v1", false));
    }

    @Test
    void restart_keepsPolicyStateExperimentsAndTheLog() {
        MovingClock clock = new MovingClock(Instant.parse("2026-03-02T10:00:00Z"));
        Grat first = engine(clock, 1);
        first.configureSlot(SLOT, PolicyConfig.thompson().withDimension(32));
        for (int i = 0; i < 40; i++) {
            if (i == 20) {
                first.startExperiment(new SlotExperiment(SLOT, new Experiment("offer-test", "offer-test",
                        List.of(new Variant("control", 1), new Variant("learner", 1))),
                        Map.of("control", PolicyConfig.rule(), "learner", PolicyConfig.linUcb().withDimension(32)), true));
            }
            consent(first, "visitor-" + i);
            DecisionAnswer answer = first.decide(request("visitor-" + i));
            if (i % 4 == 0) {
                first.track(List.of(Event.builder().id("click-" + i).type(EventType.OFFER_CLICK).visitorId("visitor-" + i)
                        .channel(Channel.WEB).timestamp(clock.instant()).decisionId(answer.decisionId()).build()),
                        TrackContext.none());
            }
        }
        clock.advance(Duration.ofMinutes(61));
        first.settleDecisions();
        String stillOpen = first.decide(request("late-visitor")).decisionId();
        ExperimentResults before = first.experimentResults("offer-test");
        Map<String, SlotStatus> slotsBefore = first.decisionSlots();
        first.close();

        Grat second = engine(clock, 2);

        assertThat(slotsBefore.get(SLOT).updates()).isPositive();
        assertThat(second.decisionSlots()).isEqualTo(slotsBefore);
        assertThat(second.experiments()).extracting(SlotExperiment::id).containsExactly("offer-test");
        assertThat(second.experimentResults("offer-test")).isEqualTo(before);
        assertThat(before.groups().stream().mapToLong(group -> group.exposures()).sum()).isEqualTo(21);
        assertThat(second.loggedDecisions(SLOT)).hasSize(41);
        assertThat(second.loggedDecisions(SLOT).stream().filter(r -> r.outcome().clicks() > 0)).hasSize(10);
        assertThat(second.reward(stillOpen, 1).reward()).isEqualTo(1.0);
    }

    @Test
    void erase_leavesNoByteOfTheVisitorsDecisionsInTheDataDirectory() throws SQLException {
        MovingClock clock = new MovingClock(Instant.parse("2026-03-02T10:00:00Z"));
        Grat grat = engine(clock, 3);
        grat.configureSlot(SLOT, PolicyConfig.linUcb().withDimension(32));
        String erased = "visitor-erased-4e7c1a";
        String kept = "visitor-kept-9b2d55";
        consent(grat, erased);
        consent(grat, kept);
        for (int i = 0; i < 30; i++) {
            grat.decide(request(erased));
            grat.decide(request(kept));
        }
        assertThat(decisionRowsOf(erased)).isEqualTo(30);

        grat.erase(erased);

        assertThat(decisionRowsOf(erased)).isZero();
        assertThat(DataDirectoryScan.filesContaining(dataDir, erased)).isEmpty();
        assertThat(DataDirectoryScan.filesContaining(dataDir, kept)).isNotEmpty();
        assertThat(grat.loggedDecisions(SLOT)).extracting(DecisionRecord::visitorId).containsOnly(kept);
    }

    @Test
    void eraseOfTheLogFollowedByTheStoresErasure_scrubsDecisionRowsThatNothingElseHolds() {
        DecisionLog log = log();
        String visitor = "decisions-only-7f3a90";
        for (int i = 0; i < 50; i++) {
            log.append(decision("d" + i, SLOT, i % 2 == 0 ? visitor : "someone-else"));
        }
        assertThat(DataDirectoryScan.filesContaining(dataDir, visitor)).isNotEmpty();

        assertThat(log.eraseVisitor(visitor)).hasSize(25);
        ((SqliteStore) open.getFirst()).eraseVisitor(visitor);

        assertThat(DataDirectoryScan.filesContaining(dataDir, visitor)).isEmpty();
        assertThat(log.ofSlot(SLOT)).hasSize(25);
    }

    @Test
    void candidateSet_isStoredOnceForEveryDecisionThatSharesIt_compressed_andTheRowKeepsOnlyItsKey() throws SQLException {
        for (int i = 0; i < 20; i++) {
            log().append(decision("same-" + i, SLOT, "v" + i));
        }
        log().append(withCandidates(decision("other", SLOT, "v1"), "other-offer"));

        assertThat(scalar("SELECT count(*) FROM decision_candidates")).isEqualTo(2);
        // 60 candidates of 41 features: about 60 kB of JSON, 24 kB of doubles.
        assertThat(scalar("SELECT max(length(body)) FROM decision_candidates")).isBetween(1L, 20_000L);
        assertThat(scalar("SELECT max(length(body)) FROM decisions")).isBetween(1L, 1_500L);
        assertThat(log().find("same-7")).contains(decision("same-7", SLOT, "v7"));
        assertThat(log().ofSlot(SLOT)).hasSize(21).last().isEqualTo(withCandidates(decision("other", SLOT, "v1"), "other-offer"));
    }

    @Test
    void erasureAndRetention_removeTheCandidateSetsNoDecisionRefersToAnyMore_andKeepSharedOnes() throws SQLException {
        DecisionLog log = log();
        log.append(decision("shared-a", SLOT, "visitor-a"));
        log.append(decision("shared-b", SLOT, "visitor-b"));
        log.append(withCandidates(decision("own-a", SLOT, "visitor-a"), "only-for-a"));
        assertThat(scalar("SELECT count(*) FROM decision_candidates")).isEqualTo(2);

        log.eraseVisitor("visitor-a");

        assertThat(scalar("SELECT count(*) FROM decision_candidates")).isEqualTo(1);
        assertThat(log.find("shared-b")).contains(decision("shared-b", SLOT, "visitor-b"));
        log.updateOutcome("shared-b", Outcome.none().settledAt(DECIDED.plusSeconds(3600)));
        log.eraseBefore(DECIDED.plusSeconds(1));
        assertThat(scalar("SELECT count(*) FROM decision_candidates")).isZero();
        // A set removed as an orphan is stored again by the next decision that brings it.
        log.append(decision("again", SLOT, "visitor-c"));
        assertThat(log.find("again")).contains(decision("again", SLOT, "visitor-c"));
    }

    @Test
    void versionOneRows_ofADataDirectoryWrittenBefore_areReadWhole_andTheTableGainsTheCandidatesColumn() throws Exception {
        DecisionRecord old = decision("old-1", SLOT, "v1", "exp-1", "treatment", true);
        byte[] oldBody = Zlib.deflate(versionOneJson(old));
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            store.writer().write("an old decisions table", 1, c -> {
                try (Statement statement = c.createStatement()) {
                    statement.execute("""
                            CREATE TABLE decisions (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, slot TEXT NOT NULL,
                              visitor_id TEXT, experiment_id TEXT, variant TEXT, decided_at INTEGER NOT NULL,
                              body BLOB NOT NULL, reward REAL NOT NULL, clicks INTEGER NOT NULL,
                              conversions INTEGER NOT NULL, revenue REAL NOT NULL, settled_at TEXT)""");
                }
                try (var insert = c.prepareStatement("INSERT INTO decisions (id, slot, visitor_id, experiment_id, variant, "
                        + "decided_at, body, reward, clicks, conversions, revenue) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0)")) {
                    insert.setString(1, old.id());
                    insert.setString(2, old.slot());
                    insert.setString(3, old.visitorId());
                    insert.setString(4, old.experimentId());
                    insert.setString(5, old.variant());
                    insert.setLong(6, old.decidedAt().toEpochMilli());
                    insert.setBytes(7, oldBody);
                    return insert.executeUpdate();
                }
            });
        }

        DecisionLog log = log();
        log.append(decision("new-1", SLOT, "v1"));

        assertThat(log.find("old-1")).contains(old);
        assertThat(log.ofVisitor("v1")).extracting(DecisionRecord::id).containsExactly("old-1", "new-1");
        assertThat(log.eraseVisitor("v1")).containsExactly(old, decision("new-1", SLOT, "v1"));
    }

    /** The JSON body of version 1, as the log wrote it before candidate sets were stored apart. */
    private static byte[] versionOneJson(DecisionRecord record) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode json = mapper.createObjectNode().put("v", 1).put("decidedAt", record.decidedAt().toString())
                .put("policyKey", record.policyKey()).put("policy", record.policy());
        ObjectNode context = json.putObject("context");
        record.context().values().forEach(context.putObject("values")::put);
        record.context().groups().forEach(group -> context.withArray("groups").add(group.wireName()));
        for (Candidate candidate : record.candidates()) {
            ObjectNode entry = json.withArray("candidates").addObject().put("id", candidate.id());
            candidate.features().forEach(entry.putObject("features")::put);
        }
        json.put("chosen", record.chosen());
        record.probabilities().forEach(json.putArray("probabilities")::add);
        for (String name : List.of("learnerProbability", "ruleProbability")) {
            double value = name.equals("ruleProbability") ? record.ruleProbability() : record.learnerProbability();
            if (Double.isNaN(value)) {
                json.putNull(name);
            } else {
                json.put(name, value);
            }
        }
        return mapper.writeValueAsBytes(json);
    }

    private static DecisionRecord withCandidates(DecisionRecord record, String idPrefix) {
        List<Candidate> renamed = new ArrayList<>();
        for (Candidate candidate : record.candidates()) {
            renamed.add(new Candidate(idPrefix + "-" + candidate.id(), candidate.features()));
        }
        return new DecisionRecord(record.id(), record.slot(), record.visitorId(), record.decidedAt(), record.policyKey(),
                record.policy(), record.experimentId(), record.variant(), record.context(), renamed, record.chosen(),
                record.probabilities(), record.learnerProbability(), record.ruleProbability(), record.outcome());
    }

    private long scalar(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(SqliteStore.DATABASE_FILE));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void open_onADataDirectoryWithDecisions_reusesItsTables() {
        log().append(decision("d1", SLOT, "v1"));
        SqliteDecisions again = SqliteDecisions.open((SqliteStore) open.getFirst());

        assertThat(again.log().find("d1")).isPresent();
        assertThat(Files.exists(dataDir.resolve(SqliteStore.DATABASE_FILE))).isTrue();
    }

    private long decisionRowsOf(String visitorId) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(SqliteStore.DATABASE_FILE));
             var query = connection.prepareStatement("SELECT count(*) FROM decisions WHERE visitor_id = ?")) {
            query.setString(1, visitorId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

}
