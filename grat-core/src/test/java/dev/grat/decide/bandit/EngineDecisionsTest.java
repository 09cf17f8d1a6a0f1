package dev.grat.decide.bandit;

import dev.grat.MovingClock;

import dev.grat.Grat;
import dev.grat.Shop;
import dev.grat.consent.ConsentChange;
import dev.grat.consent.Purpose;
import dev.grat.event.Channel;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.event.LineItem;
import dev.grat.event.TrackContext;
import dev.grat.experiment.Holdout;
import dev.grat.privacy.ErasureReceipt;
import dev.grat.store.InMemoryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import java.time.Duration;
import java.time.Instant;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The decision service inside the engine: events reward decisions, erasure and export cover them, state is kept. */
class EngineDecisionsTest {

    private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
    private static final String SLOT = "home-offer";
    private static final Duration WINDOW = Duration.ofHours(1);

    private final MovingClock clock = new MovingClock(START);
    private final InMemoryDecisionLog log = new InMemoryDecisionLog();
    private final InMemoryDecisionStateStore state = new InMemoryDecisionStateStore();
    private final DecisionSettings settings = DecisionSettings.defaults().withHoldout(new Holdout("no-holdout", 0.0));
    private final AtomicInteger eventIds = new AtomicInteger();
    private final Grat grat = Grat.builder().store(new InMemoryStore()).clock(clock).decisionSettings(settings)
            .decisionLog(log).decisionState(state).decisionRandom(new SplittableRandom(7)).build();

    EngineDecisionsTest() {
        grat.putItems(List.of(Shop.item("shoe-1", "Trail Runner", "Women/Shoes", "Alpina", "89.00"),
                Shop.item("bag-1", "Tote", "Women/Bags", "Bravo", "49.00")));
        grat.configureSlot(SLOT, PolicyConfig.linUcb().withDimension(32));
    }

    @AfterEach
    void close() {
        grat.close();
    }

    private static List<Candidate> offers() {
        List<Candidate> offers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            offers.add(new Candidate("offer-" + i, Map.of("category=" + (i % 2 == 0 ? "Shoes" : "Bags"), 1.0,
                    "discount", (i % 5) / 10.0)));
        }
        return offers;
    }

    private DecisionAnswer decide(String visitorId) {
        return grat.decide(new DecisionRequest(visitorId, SLOT, offers(), RequestContext.of("web", "mobile"), "offer-0"));
    }

    private Event.Builder event(EventType type, String visitorId) {
        return Event.builder().id("e" + eventIds.incrementAndGet()).type(type).visitorId(visitorId).channel(Channel.WEB)
                .timestamp(clock.instant());
    }

    private void track(Event... events) {
        grat.track(List.of(events), TrackContext.none());
    }

    private void consent(String visitorId, Purpose... purposes) {
        Map<Purpose, Boolean> granted = new java.util.EnumMap<>(Purpose.class);
        for (Purpose purpose : purposes) {
            granted.put(purpose, true);
        }
        grat.setConsent(visitorId, new ConsentChange(granted, "banner", "v1", false));
    }

    private Outcome outcomeOf(String decisionId) {
        return log.find(decisionId).orElseThrow().outcome();
    }

    @Test
    void offerClickCarryingTheDecisionId_rewardsTheDecisionOnce_evenWithoutConsent() {
        DecisionAnswer answer = decide("anonymous-visitor");
        Event click = event(EventType.OFFER_CLICK, "anonymous-visitor").decisionId(answer.decisionId()).build();

        track(click);
        track(click);

        assertThat(outcomeOf(answer.decisionId())).isEqualTo(new Outcome(1, 1, 0, 0, null));
        assertThat(log.find(answer.decisionId()).orElseThrow().visitorId()).isNull();
    }

    @Test
    void purchaseOfAConsentingVisitor_isAConversionOfTheirOpenDecisions() {
        consent("buyer", Purpose.ANALYTICS, Purpose.PERSONALIZATION);
        DecisionAnswer answer = decide("buyer");
        clock.advance(Duration.ofMinutes(10));

        track(event(EventType.PURCHASE, "buyer").currency("EUR")
                .items(List.of(new LineItem("shoe-1", 2, new BigDecimal("89.00")))).build());

        Outcome outcome = outcomeOf(answer.decisionId());
        assertThat(outcome.conversions()).isEqualTo(1);
        assertThat(outcome.revenue()).isEqualTo(178.0);
        assertThat(outcome.reward()).isEqualTo(1.0);
    }

    @Test
    void eventsAfterTheWindow_countNothing_andTheDecisionSettlesAtZero() {
        DecisionAnswer answer = decide("late-visitor");
        clock.advance(WINDOW.plusMinutes(1));

        track(event(EventType.OFFER_CLICK, "late-visitor").decisionId(answer.decisionId()).build());
        grat.settleDecisions();

        assertThat(outcomeOf(answer.decisionId())).isEqualTo(new Outcome(0, 0, 0, 0, START.plus(WINDOW).plusSeconds(60)));
    }

    @Test
    void decide_usesProfileFeaturesOnlyWithPersonalizationConsent_andKeepsTheIdOnlyWithConsent() {
        consent("fan", Purpose.PERSONALIZATION);
        track(event(EventType.PRODUCT_VIEW, "fan").itemId("shoe-1").build(),
                event(EventType.PRODUCT_VIEW, "stranger").itemId("shoe-1").build());

        DecisionAnswer personal = decide("fan");
        DecisionAnswer anonymous = decide("stranger");

        assertThat(personal.featureGroups()).contains(FeatureGroup.REQUEST_CONTEXT, FeatureGroup.AFFINITIES);
        assertThat(anonymous.featureGroups()).containsExactly(FeatureGroup.REQUEST_CONTEXT);
        assertThat(log.find(personal.decisionId()).orElseThrow().visitorId()).isEqualTo("fan");
        assertThat(log.find(anonymous.decisionId()).orElseThrow().visitorId()).isNull();
    }

    @Test
    void export_listsTheVisitorsDecisions_andErasureRemovesThemWithTheirLearning() {
        consent("leaver", Purpose.ANALYTICS);
        consent("stayer", Purpose.ANALYTICS);
        DecisionAnswer first = decide("leaver");
        decide("leaver");
        decide("stayer");
        track(event(EventType.OFFER_CLICK, "leaver").decisionId(first.decisionId()).build());
        clock.advance(WINDOW.plusSeconds(1));
        grat.settleDecisions();
        assertThat(grat.decisionSlots().get(SLOT).updates()).isEqualTo(3);

        assertThat(grat.export("leaver").decisions()).extracting(DecisionRecord::id).contains(first.decisionId()).hasSize(2);
        ErasureReceipt receipt = grat.erase("leaver");

        assertThat(receipt.removedFrom()).contains("decision log (2 decisions)",
                "decision policies (what they learned from the visitor's decisions)");
        assertThat(log.ofVisitor("leaver")).isEmpty();
        assertThat(grat.export("leaver").decisions()).isEmpty();
        assertThat(grat.loggedDecisions(SLOT)).extracting(DecisionRecord::visitorId).containsExactly("stayer");
        assertThat(grat.decisionSlots().get(SLOT).updates()).isEqualTo(1);
    }

    @Test
    void erasureOfAVisitorWithoutDecisions_saysTheLogHeldNone() {
        consent("quiet", Purpose.ANALYTICS);

        assertThat(grat.erase("quiet").removedFrom()).contains("decision log (0 decisions)")
                .doesNotContain("decision policies (what they learned from the visitor's decisions)");
    }

    @Test
    void closedWindows_areSettledInTheBackground_withoutAnyRequest() throws InterruptedException {
        DecisionAnswer answer = decide("waiting-visitor");
        clock.advance(WINDOW.plusSeconds(1));

        // The settler runs every few seconds; this waits for it (up to a minute on a loaded machine) and asserts
        // only that it happened, never how fast.
        for (int i = 0; i < 600 && !outcomeOf(answer.decisionId()).settled(); i++) {
            Thread.sleep(100);
        }

        assertThat(outcomeOf(answer.decisionId()).settled()).isTrue();
        assertThat(grat.decisionSlots().get(SLOT).updates()).isEqualTo(1);
    }

    @Test
    void close_savesWhatThePoliciesLearned_soThatTheNextStartKeepsIt() {
        for (int i = 0; i < 20; i++) {
            DecisionAnswer answer = decide("visitor-" + i);
            if (i % 3 == 0) {
                grat.reward(answer.decisionId(), 1.0);
            }
        }
        clock.advance(WINDOW.plusSeconds(1));
        grat.settleDecisions();
        SlotStatus before = grat.decisionSlots().get(SLOT);

        grat.close();
        DecisionService restarted = new DecisionService(settings, log, state, (v, now) -> VisitorSignals.Visit.anonymous(),
                clock, new SplittableRandom(8));

        SlotStatus after = restarted.slots().get(SLOT);
        assertThat(before.updates()).isEqualTo(20);
        assertThat(after.updates()).isEqualTo(20);
        assertThat(after.config()).isEqualTo(before.config());
        assertThat(restarted.decisions(SLOT)).hasSize(20).allSatisfy(record -> assertThat(record.outcome().settled()).isTrue());
        assertThat(restarted.openDecisions()).isZero();
    }

}
