package dev.grat.decide.bandit;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link DecisionLog} and {@link DecisionStateStore} must do. An adapter's test extends this class and
 * gives a fresh, empty log and state store per test.
 */
public abstract class DecisionLogContract {

    protected static final Instant DECIDED = Instant.parse("2026-03-02T10:15:30.123456789Z");

    /** A new, empty log. */
    protected abstract DecisionLog log();

    /** A new, empty state store. */
    protected abstract DecisionStateStore state();

    /**
     * A decision with everything a record can carry: personal context groups, many candidates with features,
     * exact instants and, when {@code apprentice}, the learner's and rule's probabilities (else NaN).
     */
    protected static DecisionRecord decision(String id, String slot, String visitorId, String experimentId,
                                             String variant, boolean apprentice) {
        List<Candidate> candidates = new ArrayList<>();
        List<Double> probabilities = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Map<String, Double> features = new LinkedHashMap<>();
            for (int f = 0; f < 40; f++) {
                features.put("feature-" + f, (i * 40 + f) / 7.0);
            }
            features.put("category=" + (i % 2 == 0 ? "Shoes" : "Bags"), 1.0);
            candidates.add(new Candidate("offer-" + i, features));
            probabilities.add(i == 3 ? 1 - 59 * (0.05 / 60) : 0.05 / 60);
        }
        ContextFeatures context = new ContextFeatures(
                Map.of("channel=web", 1.0, "affinity.category=Shoes", 1.0, "affinity.brand=Alpina", 0.3333333333333333),
                Set.of(FeatureGroup.REQUEST_CONTEXT, FeatureGroup.AFFINITIES));
        return new DecisionRecord(id, slot, visitorId, DECIDED, "slot:" + slot, "linucb(alpha=0.5, exploration=0.05)",
                experimentId, variant, context, candidates, 3, probabilities, apprentice ? 0.25 : Double.NaN,
                apprentice ? 0.95 : Double.NaN, Outcome.none());
    }

    protected static DecisionRecord decision(String id, String slot, String visitorId) {
        return decision(id, slot, visitorId, null, null, false);
    }

    @Test
    void append_thenFind_returnsTheWholeRecordExactly() {
        DecisionLog log = log();
        DecisionRecord plain = decision("d1", "home-offer", null);
        DecisionRecord apprentice = decision("d2", "home-offer", "v1", "exp-1", "treatment", true);

        log.append(plain);
        log.append(apprentice);

        assertThat(log.find("d1")).contains(plain);
        assertThat(log.find("d2")).contains(apprentice);
        assertThat(log.find("d2").orElseThrow().learnerProbability()).isEqualTo(0.25);
        assertThat(log.find("d1").orElseThrow().ruleProbability()).isNaN();
        assertThat(log.find("unknown")).isEmpty();
    }

    @Test
    void append_ofAnIdThatIsLogged_isRefused() {
        DecisionLog log = log();
        log.append(decision("d1", "home-offer", "v1"));

        assertThatThrownBy(() -> log.append(decision("d1", "banner", "v2"))).isInstanceOf(RuntimeException.class);
        assertThat(log.find("d1").orElseThrow().slot()).isEqualTo("home-offer");
    }

    @Test
    void updateOutcome_replacesTheOutcome_andSettledDecisionsLeaveTheUnsettled() {
        DecisionLog log = log();
        log.append(decision("d1", "home-offer", "v1"));
        log.append(decision("d2", "home-offer", "v2"));
        log.append(decision("d3", "home-offer", "v3"));
        Instant settledAt = Instant.parse("2026-03-02T11:15:30.987654321Z");

        log.updateOutcome("d1", Outcome.none().plusClick(1).plusReward(0.5));
        log.updateOutcomes(Map.of("d2", Outcome.none().plusConversion(1, 89.9).settledAt(settledAt),
                "d3", Outcome.none().settledAt(settledAt)));

        assertThat(log.find("d1").orElseThrow().outcome()).isEqualTo(new Outcome(1.5, 1, 0, 0, null));
        assertThat(log.find("d2").orElseThrow().outcome()).isEqualTo(new Outcome(1, 0, 1, 89.9, settledAt));
        assertThat(log.unsettled()).extracting(DecisionRecord::id).containsExactly("d1");
        List<String> streamed = new ArrayList<>();
        log.forEachUnsettled(record -> streamed.add(record.id()));
        assertThat(streamed).containsExactly("d1");
    }

    @Test
    void queries_returnOnlyTheirDecisions_oldestFirst() {
        DecisionLog log = log();
        log.append(decision("d1", "home-offer", "v1", "exp-1", "control", false));
        log.append(decision("d2", "banner", "v1"));
        log.append(decision("d3", "home-offer", "v2", "exp-1", "holdout", false));
        log.append(decision("d4", "home-offer", null));

        assertThat(log.ofSlot("home-offer")).extracting(DecisionRecord::id).containsExactly("d1", "d3", "d4");
        assertThat(log.ofExperiment("exp-1")).extracting(DecisionRecord::id).containsExactly("d1", "d3");
        assertThat(log.ofVisitor("v1")).extracting(DecisionRecord::id).containsExactly("d1", "d2");
        List<String> slot = new ArrayList<>();
        log.forEachOfSlot("banner", record -> slot.add(record.id()));
        assertThat(slot).containsExactly("d2");
    }

    @Test
    void forEachExposure_givesTheGroupVisitorAndOutcomeOfEachDecisionOfTheExperiment() {
        DecisionLog log = log();
        log.append(decision("d1", "home-offer", "v1", "exp-1", "control", false));
        log.append(decision("d2", "home-offer", null, "exp-1", "treatment", false));
        log.append(decision("d3", "home-offer", "v3", "exp-2", "control", false));
        log.updateOutcome("d2", Outcome.none().plusClick(1));

        List<DecisionLog.Exposure> exposures = new ArrayList<>();
        log.forEachExposure("exp-1", exposures::add);

        assertThat(exposures).containsExactly(
                new DecisionLog.Exposure("control", "v1", Outcome.none()),
                new DecisionLog.Exposure("treatment", null, Outcome.none().plusClick(1)));
    }

    @Test
    void eraseVisitor_removesEveryDecisionOfTheVisitorAndOnlyThose_andReturnsThem() {
        DecisionLog log = log();
        DecisionRecord first = decision("d1", "home-offer", "v1");
        log.append(first);
        log.append(decision("d2", "home-offer", "v2"));
        log.append(decision("d3", "banner", "v1", "exp-1", "control", true));
        log.updateOutcome("d1", Outcome.none().plusClick(1));

        List<DecisionRecord> removed = log.eraseVisitor("v1");

        assertThat(removed).extracting(DecisionRecord::id).containsExactly("d1", "d3");
        assertThat(removed.getFirst()).isEqualTo(first.withOutcome(Outcome.none().plusClick(1)));
        assertThat(log.ofVisitor("v1")).isEmpty();
        assertThat(log.find("d1")).isEmpty();
        assertThat(log.find("d3")).isEmpty();
        assertThat(log.ofSlot("home-offer")).extracting(DecisionRecord::id).containsExactly("d2");
        assertThat(log.eraseVisitor("v1")).isEmpty();
    }

    @Test
    void eraseBefore_removesSettledDecisionsMadeBeforeTheCutoff_andKeepsUnsettledAndLaterOnes() {
        DecisionLog log = log();
        log.append(decision("old-settled", "home-offer", "v1"));
        log.append(decision("old-open", "home-offer", "v2"));
        log.append(madeAt(decision("new-settled", "home-offer", "v3"), DECIDED.plusSeconds(7200)));
        Instant settledAt = DECIDED.plusSeconds(3600);
        log.updateOutcomes(Map.of("old-settled", Outcome.none().settledAt(settledAt),
                "new-settled", Outcome.none().settledAt(settledAt.plusSeconds(7200))));

        int removed = log.eraseBefore(DECIDED.plusSeconds(3600));

        assertThat(removed).isEqualTo(1);
        assertThat(log.find("old-settled")).isEmpty();
        assertThat(log.ofSlot("home-offer")).extracting(DecisionRecord::id).containsExactly("old-open", "new-settled");
        assertThat(log.eraseBefore(DECIDED.plusSeconds(3600))).isZero();
    }

    private static DecisionRecord madeAt(DecisionRecord r, Instant at) {
        return new DecisionRecord(r.id(), r.slot(), r.visitorId(), at, r.policyKey(), r.policy(), r.experimentId(),
                r.variant(), r.context(), r.candidates(), r.chosen(), r.probabilities(), r.learnerProbability(),
                r.ruleProbability(), r.outcome());
    }

    @Test
    void state_keepsReplacesAndRemovesEntries() {
        DecisionStateStore state = state();
        byte[] policy = new byte[300_000];
        for (int i = 0; i < policy.length; i++) {
            policy[i] = (byte) (i * 31);
        }

        state.put("policy/slot:home-offer", policy);
        state.put("experiment/exp-1", new byte[] {1, 2, 3});
        state.put("experiment/exp-1", new byte[] {4});
        state.put("experiment/exp-2", new byte[] {5});
        state.remove("experiment/exp-2");
        state.remove("never-stored");

        Map<String, byte[]> loaded = state.loadAll();
        assertThat(loaded).containsOnlyKeys("policy/slot:home-offer", "experiment/exp-1");
        assertThat(loaded.get("policy/slot:home-offer")).isEqualTo(policy);
        assertThat(loaded.get("experiment/exp-1")).containsExactly(4);
    }

    @Test
    void state_keepsACopy_notTheCallersArray() {
        DecisionStateStore state = state();
        byte[] value = {1, 2, 3};

        state.put("policy/slot:banner", value);
        value[0] = 9;

        assertThat(state.loadAll().get("policy/slot:banner")).containsExactly(1, 2, 3);
    }
}
