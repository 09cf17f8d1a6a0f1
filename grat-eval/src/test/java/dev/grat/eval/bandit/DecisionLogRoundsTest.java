package dev.grat.eval.bandit;

import dev.grat.MovingClock;

import dev.grat.decide.bandit.Candidate;
import dev.grat.decide.bandit.DecisionRequest;
import dev.grat.decide.bandit.DecisionService;
import dev.grat.decide.bandit.DecisionSettings;
import dev.grat.decide.bandit.InMemoryDecisionLog;
import dev.grat.decide.bandit.InMemoryDecisionStateStore;
import dev.grat.decide.bandit.PolicyConfig;
import dev.grat.decide.bandit.RequestContext;
import dev.grat.decide.bandit.VisitorSignals;
import dev.grat.experiment.Holdout;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class DecisionLogRoundsTest {

    @Test
    void gratsOwnLog_evaluatesAnotherPolicy_andSkipsDecisionsWithoutSupport() {
        InMemoryDecisionLog log = new InMemoryDecisionLog();
        Instant start = Instant.parse("2026-03-02T10:00:00Z");
        MovingClock clock = new MovingClock(start);
        DecisionService service = new DecisionService(DecisionSettings.defaults().withHoldout(new Holdout("h", 0.2)), log,
                new InMemoryDecisionStateStore(), (v, now) -> VisitorSignals.Visit.anonymous(), clock, new SplittableRandom(3));
        service.configure("banner", PolicyConfig.rule().withExploration(0.5));
        List<Candidate> banners = List.of(new Candidate("calm", Map.of("tone=calm", 1.0)), new Candidate("loud", Map.of("tone=loud", 1.0)),
                new Candidate("sale", Map.of("tone=sale", 1.0)));
        SplittableRandom clicks = new SplittableRandom(5);
        for (int i = 0; i < 3000; i++) {
            String id = service.decide(new DecisionRequest("v" + i, "banner", banners, RequestContext.none(), "calm")).decisionId();
            String shown = log.find(id).orElseThrow().chosenCandidate().id();
            if (clicks.nextDouble() < (shown.equals("sale") ? 0.3 : 0.1)) {
                service.reward(id, 1);
            }
        }
        clock.set(start.plus(Duration.ofHours(2)));
        service.settleDue();

        DecisionLogRounds rounds = DecisionLogRounds.of(log.ofSlot("banner"));
        assertThat(rounds.skipped()).isBetween(450, 750);
        assertThat(rounds.rounds().size() + rounds.skipped()).isEqualTo(3000);

        TargetPolicy alwaysSale = new TargetPolicy() {
            @Override
            public String name() {
                return "always sale";
            }

            @Override
            public double[] distribution(BanditRound round) {
                return new double[]{0, 0, 1};
            }
        };
        PolicyValue value = Estimators.evaluate(alwaysSale, rounds.rounds(), 1, 300, 1, 0.95);
        assertThat(value.estimate("DR").low()).isLessThan(0.3);
        assertThat(value.estimate("DR").high()).isGreaterThan(0.3);
    }
}
