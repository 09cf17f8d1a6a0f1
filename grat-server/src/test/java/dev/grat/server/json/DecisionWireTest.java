package dev.grat.server.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grat.decide.bandit.ApprenticeSettings;
import dev.grat.decide.bandit.DecisionRequest;
import dev.grat.decide.bandit.PolicyConfig;
import dev.grat.decide.bandit.PolicyKind;
import dev.grat.decide.bandit.SlotExperiment;
import dev.grat.event.FieldError;
import dev.grat.experiment.Holdout;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DecisionWireTest {

    private final ObjectMapper mapper = WireFormat.defaultMapper();
    private final DecisionWire wire = new DecisionWire(mapper);
    private final ExperimentWire experiments = new ExperimentWire(mapper);

    private JsonNode json(String text) throws IOException {
        return mapper.readTree(text);
    }

    @Test
    void decisionRequest_readsCandidatesAndContext_withStringsAsCategoriesAndBooleansAsOneOrZero() throws IOException {
        Parsed<DecisionRequest> parsed = wire.decisionRequest(json("""
                {"visitorId": "v1", "slot": "home-offer", "ruleChoice": "offer-2",
                 "candidates": [{"id": "offer-1", "features": {"category": "Shoes", "discount": 0.2, "new": true}},
                                {"id": "offer-2", "features": {"category=Bags": 1, "new": false}},
                                {"id": "offer-3"}],
                 "context": {"channel": "web", "deviceClass": "mobile", "extra": {"page": "home", "cartValue": 42.5}}}"""));

        assertThat(parsed.errors()).isEmpty();
        DecisionRequest request = parsed.value();
        assertThat(request.candidates().get(0).features())
                .isEqualTo(Map.of("category=Shoes", 1.0, "discount", 0.2, "new", 1.0));
        assertThat(request.candidates().get(1).features()).isEqualTo(Map.of("category=Bags", 1.0, "new", 0.0));
        assertThat(request.candidates().get(2).features()).isEmpty();
        assertThat(request.context().channel()).isEqualTo("web");
        assertThat(request.context().deviceClass()).isEqualTo("mobile");
        assertThat(request.context().extra()).isEqualTo(Map.of("page=home", 1.0, "cartValue", 42.5));
        assertThat(request.ruleChoice()).isEqualTo("offer-2");
    }

    @Test
    void decisionRequest_namesEveryBadFieldByItsPath() throws IOException {
        Parsed<DecisionRequest> parsed = wire.decisionRequest(json("""
                {"visitorId": 7, "slot": "home-offer", "candidate": [],
                 "candidates": [{"id": "a"}, {"id": "b"}, {"id": "c"},
                                {"id": "d", "features": {"discount": {"value": 0.2}, "size": [1], "price": 1e400}},
                                "e"],
                 "context": {"channel": "web", "device": "mobile"}}"""));

        assertThat(parsed.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("visitorId", "candidate",
                "candidates[3].features.discount", "candidates[3].features.size", "candidates[3].features.price",
                "candidates[4]", "context.device");
        assertThat(message(parsed, "candidates[3].features.discount"))
                .isEqualTo("must be a number, a string (a category such as \"Shoes\") or a boolean, was an object");
        assertThat(message(parsed, "candidates[3].features.price")).isEqualTo("must be a finite number");
    }

    @Test
    void decisionRequest_refusesAFeatureGivenTwice() throws IOException {
        Parsed<DecisionRequest> parsed = wire.decisionRequest(json("""
                {"visitorId": "v1", "slot": "s", "candidates": [{"id": "a", "features": {"category": "Shoes", "category=Shoes": 1}}]}"""));

        assertThat(parsed.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("candidates[0].features.category=Shoes");
            assertThat(error.message()).contains("category=Shoes", "second time");
        });
    }

    @Test
    void reward_needsANumberValue() throws IOException {
        assertThat(wire.reward(json("{\"value\": 0.5}")).value()).isEqualTo(0.5);
        assertThat(wire.reward(json("{}")).errors()).extracting(FieldError::field).containsExactly("value");
        assertThat(wire.reward(json("{\"value\": \"1\"}")).errors()).extracting(FieldError::field).containsExactly("value");
        assertThat(wire.reward(json("{\"value\": 1, \"currency\": \"EUR\"}")).errors())
                .extracting(FieldError::field).containsExactly("currency");
    }

    @Test
    void slotPolicy_readsEveryPolicyWithItsParameters() throws IOException {
        assertThat(wire.slotPolicy(json("{\"policy\": \"linucb\", \"alpha\": 1.5, \"dimension\": 64}")).value().config())
                .isEqualTo(PolicyConfig.linUcb().withAlpha(1.5).withDimension(64));
        assertThat(wire.slotPolicy(json("{\"policy\": \"thompson\", \"noise\": 0.2, \"draws\": 16}")).value().config())
                .isEqualTo(PolicyConfig.thompson().withNoise(0.2).withDraws(16));
        assertThat(wire.slotPolicy(json("{\"policy\": \"epsilon_greedy\", \"exploration\": 0.2}")).value().config())
                .isEqualTo(PolicyConfig.epsilonGreedy().withExploration(0.2));
        assertThat(wire.slotPolicy(json("{\"policy\": \"rule\"}")).value().config()).isEqualTo(PolicyConfig.rule());
        assertThat(wire.slotPolicy(json("{\"policy\": \"fixed\", \"action\": \"offer-3\"}")).value().config())
                .isEqualTo(PolicyConfig.fixed("offer-3"));
        DecisionWire.SlotPolicy apprentice = wire.slotPolicy(json("""
                {"policy": "thompson", "apprentice": {"checkEvery": 100}, "warmStart": true}""")).value();
        assertThat(apprentice.config().apprentice()).isEqualTo(new ApprenticeSettings(0.05, 100));
        assertThat(apprentice.warmStart()).isTrue();
        assertThat(wire.slotPolicy(json("{\"policy\": \"linucb\", \"apprentice\": true}")).value().config().apprentice())
                .isEqualTo(ApprenticeSettings.defaults());
    }

    @Test
    void slotPolicy_putsTheEnginesRangeErrorsOnTheFieldThatWasSet() throws IOException {
        Parsed<DecisionWire.SlotPolicy> parsed = wire.slotPolicy(json("""
                {"policy": "linucb", "exploration": 0, "dimension": 5000, "alpha": -1, "action": "x",
                 "apprentice": {"checkEvery": 3}}"""));

        assertThat(parsed.errors()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("exploration", "dimension", "alpha", "action", "apprentice.checkEvery");
        assertThat(message(parsed, "dimension")).contains("2 to 1024", "5000");
        assertThat(wire.slotPolicy(json("{\"policy\": \"greedy\"}")).errors().getFirst().message())
                .contains("linucb, thompson, epsilon_greedy, rule, fixed");
        assertThat(wire.slotPolicy(json("{\"policy\": \"fixed\"}")).errors()).extracting(FieldError::field)
                .containsExactly("action");
        assertThat(wire.slotPolicy(json("{\"policy\": \"rule\", \"apprentice\": true}")).errors())
                .extracting(FieldError::field).containsExactly("apprentice");
        assertThat(wire.slotPolicy(json("{}")).errors()).extracting(FieldError::field).containsExactly("policy");
    }

    @Test
    void experiment_readsVariantsWithTheirPolicies_theFirstBeingTheControl() throws IOException {
        Parsed<SlotExperiment> parsed = experiments.experiment(json("""
                {"id": "offer-test", "slot": "home-offer",
                 "variants": [{"name": "control", "policy": "rule"},
                              {"name": "learner", "weight": 2, "policy": "linucb", "alpha": 1}]}"""));

        assertThat(parsed.errors()).isEmpty();
        SlotExperiment experiment = parsed.value();
        assertThat(experiment.experiment().salt()).isEqualTo("offer-test");
        assertThat(experiment.experiment().control()).isEqualTo("control");
        assertThat(experiment.experiment().variants().get(1).weight()).isEqualTo(2.0);
        assertThat(experiment.arms()).isEqualTo(Map.of("control", PolicyConfig.rule(),
                "learner", PolicyConfig.linUcb().withAlpha(1)));
        JsonNode described = experiments.toJson(experiment, new Holdout("h", 0.1));
        assertThat(described.get("variants").get(1).get("share").doubleValue()).isEqualTo(0.6, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(described.get("variants").get(1).get("policy").textValue()).isEqualTo(PolicyKind.LINUCB.wireName());
    }

    @Test
    void experiment_namesTheVariantAtFault() throws IOException {
        Parsed<SlotExperiment> parsed = experiments.experiment(json("""
                {"id": "t", "slot": "s",
                 "variants": [{"name": "a", "policy": "rule"}, {"name": "a", "weight": -1, "policy": "thompson", "draws": 0}]}"""));

        assertThat(parsed.errors()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("variants[1].weight", "variants[1].draws");
        assertThat(experiments.experiment(json("{\"id\": \"t\", \"slot\": \"s\", \"variants\": [{\"name\": \"a\", \"policy\": \"rule\"}]}"))
                .errors()).singleElement().satisfies(error -> assertThat(error.message()).contains("2 to 20 variants"));
        assertThat(experiments.experiment(json("{\"slot\": \"s\"}")).errors()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("id", "variants");
    }

    private static String message(Parsed<?> parsed, String field) {
        return parsed.errors().stream().filter(e -> e.field().equals(field)).findFirst().orElseThrow().message();
    }
}
