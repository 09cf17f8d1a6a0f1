package dev.grat.decide.bandit;

import dev.grat.MovingClock;

import dev.grat.InvalidInputException;
import dev.grat.NotFoundException;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.event.FieldError;
import dev.grat.event.LineItem;
import dev.grat.experiment.ExperimentResults;
import dev.grat.experiment.Experiment;
import dev.grat.experiment.GroupResult;
import dev.grat.experiment.Holdout;
import dev.grat.experiment.Variant;
import dev.grat.profile.ProfileView;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DecisionServiceTest {

    private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
    private static final String SLOT = "home-offer";

    private final MovingClock clock = new MovingClock(START);
    private final InMemoryDecisionLog log = new InMemoryDecisionLog();
    private final InMemoryDecisionStateStore state = new InMemoryDecisionStateStore();
    private final Map<String, ProfileView> consented = new HashMap<>();
    private final VisitorSignals signals = (visitor, now) -> consented.containsKey(visitor)
            ? new VisitorSignals.Visit(true, consented.get(visitor)) : VisitorSignals.Visit.anonymous();
    private final DecisionSettings settings = DecisionSettings.defaults().withHoldout(new Holdout("test-holdout", 0.0));
    private DecisionService service = start(settings);

    private DecisionService start(DecisionSettings with) {
        return new DecisionService(with, log, state, signals, clock, new SplittableRandom(42));
    }

    private static List<Candidate> offers(int count) {
        List<Candidate> offers = new ArrayList<>();
        String[] categories = {"Shoes", "Bags", "Coats"};
        for (int i = 0; i < count; i++) {
            offers.add(new Candidate("offer-" + i, Map.of("category=" + categories[i % 3], 1.0, "discount", (i % 4) / 10.0)));
        }
        return offers;
    }

    private DecisionRequest request(String visitor) {
        return new DecisionRequest(visitor, SLOT, offers(50), RequestContext.of("web", "mobile"), "offer-7");
    }

    @Test
    void decide_answersWithTheFullRankingAndProbabilities_andLogsTheDecision() {
        service.configure(SLOT, PolicyConfig.linUcb().withDimension(64));
        DecisionAnswer answer = service.decide(request("v1"));

        assertThat(answer.ranking()).hasSize(50);
        assertThat(answer.ranking().getFirst().actionId()).isEqualTo(answer.chosen());
        assertThat(answer.ranking().stream().mapToDouble(RankedAction::probability).sum()).isCloseTo(1, within(1e-12));
        assertThat(answer.ranking()).allSatisfy(r -> assertThat(r.probability()).isGreaterThanOrEqualTo(0.05 / 50 - 1e-15));
        assertThat(answer.policy()).startsWith("linucb(");
        DecisionRecord record = log.find(answer.decisionId()).orElseThrow();
        assertThat(record.chosenCandidate().id()).isEqualTo(answer.chosen());
        assertThat(record.candidates()).hasSize(50);
        assertThat(record.propensity()).isEqualTo(answer.ranking().getFirst().probability());
    }

    @Test
    void decide_withoutConsent_usesTheContextOnly_andKeepsNoVisitorId() {
        service.configure(SLOT, PolicyConfig.linUcb().withDimension(64));
        DecisionAnswer answer = service.decide(request("stranger"));
        assertThat(answer.featureGroups()).containsExactly(FeatureGroup.REQUEST_CONTEXT);
        assertThat(answer.explanation()).containsAnyOf("no personal data", "Shown now and then");
        assertThat(log.find(answer.decisionId()).orElseThrow().visitorId()).isNull();
    }

    @Test
    void decide_withConsent_recordsTheProfileGroupsUsed() {
        consented.put("fan", FeaturesTest.profile(Map.of("Shoes", 3.0), 2, 60, START.minusSeconds(3600 * 5)));
        service.configure(SLOT, PolicyConfig.linUcb().withDimension(64));
        DecisionAnswer answer = service.decide(request("fan"));
        assertThat(answer.featureGroups()).contains(FeatureGroup.REQUEST_CONTEXT, FeatureGroup.AFFINITIES, FeatureGroup.FREQUENCY);
        DecisionRecord record = log.find(answer.decisionId()).orElseThrow();
        assertThat(record.visitorId()).isEqualTo("fan");
        assertThat(record.context().values()).containsKey("affinity.category=Shoes");
    }

    @Test
    void rewards_addUpWhileTheWindowIsOpen_thenThePolicyLearnsOnce() {
        service.configure(SLOT, PolicyConfig.linUcb().withDimension(64));
        DecisionAnswer answer = service.decide(request("v1"));
        service.reward(answer.decisionId(), 1);
        clock.advance(Duration.ofMinutes(10));
        Outcome outcome = service.reward(answer.decisionId(), 0.5);
        assertThat(outcome.reward()).isEqualTo(1.5);
        assertThat(service.slots().get(SLOT).updates()).isZero();

        clock.advance(Duration.ofMinutes(51));
        assertThat(service.settleDue()).isEqualTo(1);
        assertThat(service.slots().get(SLOT).updates()).isEqualTo(1);
        assertThat(log.find(answer.decisionId()).orElseThrow().outcome().settled()).isTrue();
        assertThatThrownBy(() -> service.reward(answer.decisionId(), 1)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("decisionId"));
        assertThatThrownBy(() -> service.reward("dec-unknown", 1)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.reward(answer.decisionId(), Double.NaN)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("value"));
    }

    @Test
    void unrewardedDecisions_settleAsZero_afterTheWindow() {
        service.configure(SLOT, PolicyConfig.thompson().withDimension(32).withDraws(8));
        DecisionAnswer answer = service.decide(request("v1"));
        clock.advance(Duration.ofHours(2));
        service.decide(request("v2"));
        Outcome outcome = log.find(answer.decisionId()).orElseThrow().outcome();
        assertThat(outcome.settled()).isTrue();
        assertThat(outcome.reward()).isZero();
        assertThat(service.slots().get(SLOT).updates()).isEqualTo(1);
    }

    @Test
    void events_countClicksAndPurchases_forTheirDecision_andPurchasesOfTheSameVisitor() {
        consented.put("buyer", FeaturesTest.profile(Map.of("Bags", 1.0), 1, 40, START));
        service.configure(SLOT, PolicyConfig.linUcb().withDimension(64));
        DecisionAnswer answer = service.decide(request("buyer"));
        Event click = Event.builder().id("e1").type(EventType.OFFER_CLICK).visitorId("buyer").timestamp(START.plusSeconds(5))
                .decisionId(answer.decisionId()).build();
        Event purchase = Event.builder().id("e2").type(EventType.PURCHASE).visitorId("buyer").timestamp(START.plusSeconds(600))
                .items(List.of(new LineItem("sku-1", 2, new BigDecimal("19.50")))).build();
        Event lateClick = Event.builder().id("e3").type(EventType.OFFER_CLICK).visitorId("buyer")
                .timestamp(START.plus(Duration.ofHours(3))).decisionId(answer.decisionId()).build();

        assertThat(service.onEvents(List.of(click, purchase, lateClick))).isEqualTo(2);
        Outcome outcome = log.find(answer.decisionId()).orElseThrow().outcome();
        assertThat(outcome.clicks()).isEqualTo(1);
        assertThat(outcome.conversions()).isEqualTo(1);
        assertThat(outcome.revenue()).isEqualTo(39.0);
        assertThat(outcome.reward()).isEqualTo(2.0);
    }

    @Test
    void holdoutVisitors_getTheShopsChoice_withoutPersonalization() {
        service = start(DecisionSettings.defaults().withHoldout(new Holdout("h", 0.5)));
        service.configure(SLOT, PolicyConfig.linUcb().withDimension(64));
        Holdout holdout = new Holdout("h", 0.5);
        String heldOut = IntStream.range(0, 100).mapToObj(i -> "v" + i).filter(holdout::contains).findFirst().orElseThrow();
        consented.put(heldOut, FeaturesTest.profile(Map.of("Shoes", 3.0), 2, 60, START));
        DecisionAnswer answer = service.decide(request(heldOut));
        assertThat(answer.chosen()).isEqualTo("offer-7");
        assertThat(answer.policy()).isEqualTo("holdout");
        assertThat(answer.featureGroups()).containsExactly(FeatureGroup.REQUEST_CONTEXT);
        assertThat(answer.ranking().getFirst().probability()).isEqualTo(1.0);
        assertThat(answer.ranking()).extracting(RankedAction::actionId).doesNotHaveDuplicates().hasSize(50);
    }

    @Test
    void experiment_splitsVisitorsByVariant_andReportsResultsPerGroup() {
        service = start(DecisionSettings.defaults().withHoldout(new Holdout("h", 0.1)));
        service.configure(SLOT, PolicyConfig.rule());
        Experiment experiment = new Experiment("offer-test", "offer-test", List.of(new Variant("rule", 1), new Variant("learned", 1)));
        service.startExperiment(new SlotExperiment(SLOT, experiment,
                Map.of("rule", PolicyConfig.rule(), "learned", PolicyConfig.linUcb().withDimension(32)), true));
        Map<String, String> groupOf = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            consented.put("visitor-" + i, null);
            DecisionAnswer answer = service.decide(request("visitor-" + i));
            groupOf.put("visitor-" + i, answer.variant());
            if (i % 5 == 0) {
                service.onEvents(List.of(Event.builder().id("c" + i).type(EventType.OFFER_CLICK).visitorId("visitor-" + i)
                        .timestamp(START).decisionId(answer.decisionId()).build()));
            }
            assertThat(service.decide(request("visitor-" + i)).variant()).isEqualTo(answer.variant());
        }
        ExperimentResults results = service.results("offer-test");
        assertThat(results.groups()).extracting(GroupResult::group).containsExactly("rule", "learned", "holdout");
        assertThat(results.groups().stream().mapToLong(GroupResult::visitors).sum()).isEqualTo(400);
        assertThat(results.groups().stream().mapToLong(GroupResult::exposures).sum()).isEqualTo(800);
        assertThat(results.groups().stream().mapToLong(GroupResult::clicks).sum()).isEqualTo(80);
        assertThat(results.groups().getFirst().ctrVsControl()).isNull();
        assertThat(results.groups().get(1).ctrVsControl()).isNotNull();
        assertThat(results.sampleRatio().mismatch()).isFalse();
        assertThat(results.method()).contains("mixture SPRT");
        assertThat(groupOf.values()).contains("rule", "learned", "holdout");

        service.stopExperiment("offer-test");
        assertThat(service.decide(request("visitor-1")).experimentId()).isNull();
        assertThat(service.results("offer-test").groups()).hasSize(3);
    }

    @Test
    void policiesAndExperiments_surviveARestart() {
        service.configure(SLOT, PolicyConfig.thompson().withDimension(32).withDraws(8));
        for (int i = 0; i < 30; i++) {
            DecisionAnswer answer = service.decide(request("v" + i));
            service.reward(answer.decisionId(), i % 2);
        }
        service.decide(request("unrewarded"));
        clock.advance(Duration.ofMinutes(70));
        service.settleDue();
        service.checkpoint();
        SlotStatus before = service.slots().get(SLOT);

        DecisionService restarted = start(settings);
        assertThat(restarted.slots().get(SLOT)).isEqualTo(before);
        assertThat(before.updates()).isEqualTo(31);
    }

    @Test
    void openDecisions_areReopenedAfterARestart_andSettledLater() {
        service.configure(SLOT, PolicyConfig.linUcb().withDimension(32));
        DecisionAnswer answer = service.decide(request("v1"));
        service.reward(answer.decisionId(), 1);
        DecisionService restarted = start(settings);
        assertThat(restarted.openDecisions()).isEqualTo(1);
        restarted.reward(answer.decisionId(), 1);
        clock.advance(Duration.ofHours(2));
        assertThat(restarted.settleDue()).isEqualTo(1);
        assertThat(log.find(answer.decisionId()).orElseThrow().outcome().reward()).isEqualTo(2);
        assertThat(restarted.slots().get(SLOT).updates()).isEqualTo(1);
    }

    @Test
    void eraseVisitor_removesTheDecisions_andTakesTheirLearningBackOut() {
        consented.put("leaver", FeaturesTest.profile(Map.of("Shoes", 3.0), 2, 60, START));
        consented.put("stayer", FeaturesTest.profile(Map.of("Bags", 3.0), 1, 30, START));
        service.configure(SLOT, PolicyConfig.linUcb().withDimension(64));
        DecisionService reference = new DecisionService(settings, new InMemoryDecisionLog(), new InMemoryDecisionStateStore(),
                signals, clock, new SplittableRandom(42));
        reference.configure(SLOT, PolicyConfig.linUcb().withDimension(64));
        for (int i = 0; i < 20; i++) {
            service.reward(service.decide(request("leaver")).decisionId(), 1);
            DecisionAnswer kept = service.decide(request("stayer"));
            service.reward(kept.decisionId(), i % 3 == 0 ? 1 : 0);
            DecisionRecord record = log.find(kept.decisionId()).orElseThrow();
            replay(reference, record, i % 3 == 0 ? 1 : 0);
        }
        clock.advance(Duration.ofHours(2));
        service.settleDue();
        reference.settleDue();

        assertThat(service.decisionsOf("leaver")).hasSize(20).allSatisfy(r -> assertThat(r.context().personal()).isTrue());
        assertThat(service.eraseVisitor("leaver")).isEqualTo(20);
        assertThat(service.decisionsOf("leaver")).isEmpty();
        assertThat(log.ofSlot(SLOT)).extracting(DecisionRecord::visitorId).containsOnly("stayer");
        assertThat(service.slots().get(SLOT).updates()).isEqualTo(20);
        DecisionRequest probe = request("stayer");
        DecisionAnswer a = service.decide(probe);
        DecisionAnswer b = reference.decide(probe);
        for (int i = 0; i < 50; i++) {
            String id = a.ranking().get(i).actionId();
            double expected = b.ranking().stream().filter(r -> r.actionId().equals(id)).findFirst().orElseThrow().score();
            assertThat(a.ranking().get(i).score()).isCloseTo(expected, within(1e-9));
        }
    }

    /** Makes the reference service learn the same observation: a decision forced onto the same candidate. */
    private void replay(DecisionService reference, DecisionRecord record, double reward) {
        DecisionRequest forced = new DecisionRequest(record.visitorId(), SLOT, List.of(record.chosenCandidate()),
                RequestContext.of("web", "mobile"), null);
        reference.reward(reference.decide(forced).decisionId(), reward);
    }

    @Test
    void warmStart_learnsFromEverySettledDecisionOfTheSlot() {
        service.configure(SLOT, PolicyConfig.rule());
        for (int i = 0; i < 25; i++) {
            service.decide(request("v" + i));
        }
        clock.advance(Duration.ofHours(2));
        service.settleDue();
        service.configure(SLOT, PolicyConfig.linUcb().withDimension(32));
        assertThat(service.warmStart(SLOT)).isEqualTo(25);
        assertThat(service.slots().get(SLOT).updates()).isEqualTo(25);
        assertThatThrownBy(() -> service.warmStart(SLOT)).isInstanceOf(InvalidInputException.class).hasMessageContaining("fresh policy");
    }

    @Test
    void invalidRequests_nameEveryFieldAtFault() {
        service.configure(SLOT, PolicyConfig.linUcb().withDimension(32));
        List<Candidate> bad = List.of(new Candidate("a", Map.of()), new Candidate("a", Map.of("x", Double.NaN)),
                new Candidate("me@mail.com", Map.of()));
        assertThatThrownBy(() -> service.decide(new DecisionRequest(null, SLOT, bad, RequestContext.none(), "zzz")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("visitorId", "candidates[1].id", "candidates[1].features.x", "candidates[2].id", "ruleChoice"));
        assertThatThrownBy(() -> service.decide(new DecisionRequest("v", "unknown-slot", offers(3), RequestContext.none(), null)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("configure it first");
    }
}
