package dev.grat.store.sqlite;

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
    void body_isCompressed_soThatAWideDecisionTakesAFractionOfItsJson() throws SQLException {
        log().append(decision("wide", SLOT, "v1"));

        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(SqliteStore.DATABASE_FILE));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT length(body) FROM decisions WHERE id = 'wide'")) {
            rows.next();
            // 60 candidates of 41 features: about 60 kB of JSON.
            assertThat(rows.getInt(1)).isBetween(1, 20_000);
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
