package dev.grat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static dev.grat.server.http.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Decisions, rewards, slot policies and experiments over HTTP, on the real server. */
class LearningDecisionsApiTest {

    private static final String SLOT = "home-offer";

    @TempDir
    Path dataDir;

    private RunningServer server;

    @BeforeEach
    void start() {
        server = RunningServer.start(dataDir);
        HttpResponse<String> configured = server.putJson("/v1/slots/" + SLOT + "/policy",
                "{\"policy\": \"linucb\", \"dimension\": 64}");
        assertThat(configured.statusCode()).as(configured.body()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** {@code count} offers, each with {@code features} numeric features and a category. */
    private static String candidates(int count, int features) {
        List<String> offers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int offer = i;
            String numbers = String.join(", ", IntStream.range(0, features)
                    .mapToObj(f -> "\"f" + f + "\": " + ((offer * 7 + f) % 10) / 10.0).toList());
            offers.add("{\"id\": \"offer-" + i + "\", \"features\": {\"category\": \"" + (i % 2 == 0 ? "Shoes" : "Bags")
                    + "\", " + numbers + "}}");
        }
        return "[" + String.join(", ", offers) + "]";
    }

    private static String decisionBody(String visitorId, String candidates) {
        return """
                {"visitorId": "%s", "slot": "%s", "candidates": %s, "ruleChoice": "offer-0",
                 "context": {"channel": "web", "deviceClass": "mobile", "extra": {"page": "home"}}}"""
                .formatted(visitorId, SLOT, candidates);
    }

    /** A visitor id outside the global holdout, whose decisions the slot's policy makes. */
    private String personalized(String name) {
        String id = name;
        for (int i = 1; server.grat.decisionSettings().holdout().contains(id); i++) {
            id = name + "-" + i;
        }
        return id;
    }

    private HttpResponse<String> decideFromTheBrowser(String body) {
        return server.send(server.anonymousRequest("/v1/decisions")
                .header("Authorization", "Bearer " + RunningServer.PUBLISHABLE_KEY)
                .header("Origin", RunningServer.SHOP_ORIGIN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private JsonNode decide(String visitorId) {
        HttpResponse<String> response = server.postJson("/v1/decisions", decisionBody(visitorId, candidates(5, 2)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private void consentToAnalytics(String visitorId) {
        assertThat(server.putJson("/v1/consent/" + visitorId, WireJson.consent(true, false, false)).statusCode())
                .isEqualTo(200);
    }

    private void click(String visitorId, String decisionId, String eventId) {
        HttpResponse<String> response = server.postJson("/v1/events", WireJson.batch(List.of("""
                {"id": "%s", "type": "offer_click", "visitorId": "%s", "channel": "web", "timestamp": "%s",
                 "decisionId": "%s"}""".formatted(eventId, visitorId, WireJson.recent(), decisionId))));
        assertThat(json(response).get("accepted").intValue()).as(response.body()).isEqualTo(1);
    }

    @Test
    void decide_fromTheBrowser_with50CandidatesOf60Features_answersTheFullRankingWithProbabilities() {
        HttpResponse<String> response = decideFromTheBrowser(decisionBody(personalized("v-browser"), candidates(50, 60)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = json(response);
        assertThat(answer.get("decisionId").textValue()).startsWith("dec-");
        JsonNode ranking = answer.get("ranking");
        assertThat(ranking).hasSize(50);
        assertThat(ranking.get(0).get("id").textValue()).isEqualTo(answer.get("chosen").textValue());
        double total = 0;
        for (JsonNode action : ranking) {
            assertThat(action.get("probability").doubleValue()).isGreaterThanOrEqualTo(0.05 / 50 - 1e-12);
            assertThat(action.get("score").isNumber()).isTrue();
            total += action.get("probability").doubleValue();
        }
        assertThat(total).isCloseTo(1.0, within(1e-9));
        assertThat(answer.get("policy").textValue()).startsWith("linucb(");
        assertThat(answer.get("featureGroups").toString()).isEqualTo("[\"request_context\"]");
        assertThat(answer.get("personalized").booleanValue()).isFalse();
        assertThat(answer.get("explanation").textValue()).isNotBlank();
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(RunningServer.SHOP_ORIGIN);
    }

    @Test
    void decide_namesTheBadFieldByItsPath_andAnUnconfiguredSlotIsNotFound() {
        HttpResponse<String> badFeature = server.postJson("/v1/decisions", """
                {"visitorId": "v1", "slot": "home-offer", "candidates": [{"id": "a"}, {"id": "b"}, {"id": "c"},
                 {"id": "d", "features": {"discount": "20%", "size": {"eu": 38}}}]}""");
        HttpResponse<String> duplicate = server.postJson("/v1/decisions",
                "{\"visitorId\": \"v1\", \"slot\": \"home-offer\", \"candidates\": [{\"id\": \"a\"}, {\"id\": \"a\"}]}");
        HttpResponse<String> unknownSlot = server.postJson("/v1/decisions",
                "{\"visitorId\": \"v1\", \"slot\": \"footer\", \"candidates\": [{\"id\": \"a\"}]}");

        assertThat(badFeature.statusCode()).isEqualTo(400);
        assertThat(json(badFeature).get("fields").findValuesAsText("field")).containsExactly("candidates[3].features.size");
        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(json(duplicate).get("fields").findValuesAsText("field")).containsExactly("candidates[1].id");
        assertThat(unknownSlot.statusCode()).isEqualTo(404);
        assertThat(json(unknownSlot).get("error").textValue()).contains("footer", "configure it first", SLOT);
    }

    @Test
    void reward_needsTheSecretKey_andAddsToTheOpenDecision() {
        String decisionId = decide("v-reward").get("decisionId").textValue();

        HttpResponse<String> fromBrowser = server.send(server.anonymousRequest("/v1/decisions/" + decisionId + "/reward")
                .header("Authorization", "Bearer " + RunningServer.PUBLISHABLE_KEY)
                .header("Origin", RunningServer.SHOP_ORIGIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"value\": 1000}")).build());
        HttpResponse<String> rewarded = server.postJson("/v1/decisions/" + decisionId + "/reward", "{\"value\": 2.5}");
        HttpResponse<String> unknown = server.postJson("/v1/decisions/dec-unknown/reward", "{\"value\": 1}");
        HttpResponse<String> notANumber = server.postJson("/v1/decisions/" + decisionId + "/reward", "{\"value\": \"1\"}");

        assertThat(fromBrowser.statusCode()).isEqualTo(403);
        assertThat(rewarded.statusCode()).as(rewarded.body()).isEqualTo(200);
        assertThat(json(rewarded).get("reward").doubleValue()).isEqualTo(2.5);
        assertThat(json(rewarded).get("settledAt").isNull()).isTrue();
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(json(notANumber).get("fields").get(0).get("field").textValue()).isEqualTo("value");
    }

    @Test
    void offerClickEventCarryingTheDecisionId_rewardsTheDecision_andTheExportShowsIt() {
        consentToAnalytics("v-clicker");
        JsonNode answer = decide("v-clicker");

        click("v-clicker", answer.get("decisionId").textValue(), "click-1");
        click("v-clicker", answer.get("decisionId").textValue(), "click-1");

        JsonNode decisions = json(server.get("/v1/privacy/v-clicker")).get("decisions");
        assertThat(decisions).hasSize(1);
        JsonNode decision = decisions.get(0);
        assertThat(decision.get("decisionId").textValue()).isEqualTo(answer.get("decisionId").textValue());
        assertThat(decision.get("chosen").textValue()).isEqualTo(answer.get("chosen").textValue());
        assertThat(decision.get("outcome").get("clicks").intValue()).isEqualTo(1);
        assertThat(decision.get("outcome").get("reward").doubleValue()).isEqualTo(1.0);
        assertThat(decision.get("featureGroups").toString()).isEqualTo("[\"request_context\"]");
    }

    @Test
    void policySwitch_changesHowTheSlotDecides_andBadParametersNameTheirField() {
        HttpResponse<String> thompson = server.putJson("/v1/slots/" + SLOT + "/policy",
                "{\"policy\": \"thompson\", \"draws\": 16, \"dimension\": 64, \"warmStart\": true}");
        HttpResponse<String> badExploration = server.putJson("/v1/slots/" + SLOT + "/policy",
                "{\"policy\": \"linucb\", \"exploration\": 0}");
        HttpResponse<String> apprenticeRule = server.putJson("/v1/slots/" + SLOT + "/policy",
                "{\"policy\": \"rule\", \"apprentice\": true}");

        assertThat(thompson.statusCode()).as(thompson.body()).isEqualTo(200);
        assertThat(json(thompson).get("policy").textValue()).isEqualTo("thompson");
        assertThat(json(thompson).get("draws").intValue()).isEqualTo(16);
        assertThat(json(thompson).get("warmStartedFrom").intValue()).isZero();
        assertThat(decide(personalized("v-after-switch")).get("policy").textValue()).startsWith("thompson(");
        assertThat(badExploration.statusCode()).isEqualTo(400);
        assertThat(json(badExploration).get("fields").get(0).get("field").textValue()).isEqualTo("exploration");
        assertThat(apprenticeRule.statusCode()).isEqualTo(400);
        assertThat(json(apprenticeRule).get("fields").get(0).get("field").textValue()).isEqualTo("apprentice");
        JsonNode slots = json(server.get("/v1/slots")).get("slots");
        assertThat(slots).hasSize(1);
        assertThat(slots.get(0).get("description").textValue()).startsWith("thompson(");

        HttpResponse<String> apprentice = server.putJson("/v1/slots/" + SLOT + "/policy",
                "{\"policy\": \"linucb\", \"apprentice\": {\"checkEvery\": 100}}");
        assertThat(json(apprentice).get("takeover").get("learnerInCharge").booleanValue()).isFalse();
        assertThat(decide(personalized("v-apprentice")).get("policy").textValue()).contains("apprentice");
    }

    @Test
    void slotsAndExperiments_needTheSecretKey() {
        HttpResponse<String> policy = server.send(server.anonymousRequest("/v1/slots/" + SLOT + "/policy")
                .header("Authorization", "Bearer " + RunningServer.PUBLISHABLE_KEY)
                .header("Origin", RunningServer.SHOP_ORIGIN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"policy\": \"rule\"}")).build());
        HttpResponse<String> results = server.send(server.anonymousRequest("/v1/experiments/x/results").GET().build());

        assertThat(policy.statusCode()).isEqualTo(403);
        assertThat(results.statusCode()).isEqualTo(401);
    }

    @Test
    void experiment_resultsHaveIntervals_andTheSampleRatioCheckFlagsLostVisitors() {
        HttpResponse<String> created = server.postJson("/v1/experiments", """
                {"id": "offer-test", "slot": "home-offer",
                 "variants": [{"name": "control", "policy": "rule"},
                              {"name": "always-1", "policy": "fixed", "action": "offer-1", "exploration": 0}]}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).get("running").booleanValue()).isTrue();
        assertThat(json(created).get("holdout").get("share").doubleValue()).isEqualTo(0.05);
        List<String> treated = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            String visitor = "visitor-" + i;
            consentToAnalytics(visitor);
            JsonNode answer = decide(visitor);
            assertThat(answer.get("experimentId").textValue()).isEqualTo("offer-test");
            if ("always-1".equals(answer.get("variant").textValue())) {
                treated.add(visitor);
                assertThat(answer.get("chosen").textValue()).isEqualTo("offer-1");
            }
            if (i % 3 == 0) {
                click(visitor, answer.get("decisionId").textValue(), "click-" + i);
            }
        }

        JsonNode results = json(server.get("/v1/experiments/offer-test/results"));

        assertThat(results.get("control").textValue()).isEqualTo("control");
        assertThat(results.get("method").textValue()).isNotBlank();
        assertThat(results.get("groups").findValuesAsText("group")).containsExactly("control", "always-1", "holdout");
        long exposures = 0;
        for (JsonNode group : results.get("groups")) {
            exposures += group.get("exposures").longValue();
            JsonNode ctr = group.get("ctr");
            assertThat(ctr.get("low").doubleValue()).isLessThanOrEqualTo(ctr.get("value").doubleValue());
            assertThat(ctr.get("high").doubleValue()).isGreaterThanOrEqualTo(ctr.get("value").doubleValue());
        }
        assertThat(exposures).isEqualTo(240);
        JsonNode versus = results.get("groups").get(1).get("ctrVsControl");
        assertThat(versus.get("alwaysValidP").doubleValue()).isBetween(0.0, 1.0);
        assertThat(versus.get("probabilityToBeatControl").doubleValue()).isBetween(0.0, 1.0);
        assertThat(results.get("groups").get(0).get("ctrVsControl").isNull()).isTrue();
        assertThat(results.get("sampleRatio").get("mismatch").booleanValue()).isFalse();

        treated.subList(0, treated.size() * 3 / 4).forEach(visitor ->
                assertThat(server.delete("/v1/privacy/" + visitor).statusCode()).isEqualTo(200));
        JsonNode afterErasure = json(server.get("/v1/experiments/offer-test/results"));
        assertThat(afterErasure.get("sampleRatio").get("mismatch").booleanValue()).isTrue();
        assertThat(afterErasure.get("sampleRatio").get("pValue").doubleValue()).isLessThan(0.001);

        HttpResponse<String> stopped = server.delete("/v1/experiments/offer-test");
        assertThat(json(stopped).get("running").booleanValue()).isFalse();
        assertThat(server.get("/v1/experiments/offer-test/results").statusCode()).isEqualTo(200);
        assertThat(decide("visitor-after-stop").get("experimentId").isNull()).isTrue();
        assertThat(server.get("/v1/experiments/no-such-test/results").statusCode()).isEqualTo(404);
        assertThat(json(server.get("/v1/experiments")).get("experiments").findValuesAsText("id")).containsExactly("offer-test");
    }
}
