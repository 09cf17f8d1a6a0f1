package dev.grat.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grat.server.http.WireJson;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.grat.server.http.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

class DashboardApiTest extends CatalogServerTest {

    @Test
    void dashboard_listsExperimentsWithEveryGroup_includingTheHoldout() {
        assertThat(json(server.get("/v1/dashboard")).get("experiments")).isEmpty();
        assertThat(server.postJson("/v1/experiments", """
                {"id": "offer-test", "slot": "home-offer",
                 "variants": [{"name": "control", "policy": "rule"},
                              {"name": "always-1", "policy": "fixed", "action": "offer-1", "exploration": 0}]}""")
                .statusCode()).isEqualTo(201);

        JsonNode experiment = json(server.get("/v1/dashboard")).get("experiments").get(0);

        assertThat(experiment.get("experimentId").textValue()).isEqualTo("offer-test");
        assertThat(experiment.get("slot").textValue()).isEqualTo("home-offer");
        assertThat(experiment.get("running").booleanValue()).isTrue();
        assertThat(experiment.get("groups").findValuesAsText("group")).contains("control", "always-1", "holdout");
        assertThat(experiment.has("sampleRatio")).isTrue();
    }

    @Test
    void dashboard_countsSlotsPurchasesChannelsAndConsentRates() {
        server.putJson("/v1/consent/v1", WireJson.consent(true, true, false));
        server.putJson("/v1/consent/v2", WireJson.consent(true, false, false));
        server.postJson("/v1/events", WireJson.batch(List.of(
                impression("i1", "v1", "home"), impression("i2", "v2", "home"), impression("i3", "anon-1", "product"),
                click("c1", "v1", "home"),
                WireJson.purchase("p1", "v1", "shoe-1", "89.00"))));
        new Browser(server).post("/v1/me/consent", Browser.firstConsent("v3", false));

        JsonNode report = json(server.get("/v1/dashboard"));

        assertThat(report.get("slots")).hasSize(2);
        assertThat(report.at("/slots/0/slot").textValue()).isEqualTo("home");
        assertThat(report.at("/slots/0/impressions").longValue()).isEqualTo(2);
        assertThat(report.at("/slots/0/clicks").longValue()).isEqualTo(1);
        assertThat(report.at("/slots/0/clickThroughRate").doubleValue()).isEqualTo(0.5);
        assertThat(report.at("/slots/0/conversions").longValue()).isZero();
        assertThat(report.at("/slots/1/slot").textValue()).isEqualTo("product");
        assertThat(report.get("purchases").longValue()).isEqualTo(1);
        assertThat(report.at("/revenue/EUR").decimalValue()).isEqualByComparingTo("89.00");
        assertThat(report.at("/eventsByChannel/web").longValue()).isEqualTo(4);
        assertThat(report.at("/eventsByChannel/shop").longValue()).isEqualTo(1);
        assertThat(report.at("/consent/visitorsAnswered").intValue()).isEqualTo(3);
        assertThat(report.at("/consent/granting/personalization").longValue()).isEqualTo(2);
        assertThat(report.at("/consent/rates/analytics").doubleValue()).isEqualTo(1.0);
        assertThat(report.at("/consent/granting").has("necessary")).isFalse();
        assertThat(report.at("/privacy/visitorTokensIssued").longValue()).isEqualTo(1);
        assertThat(report.at("/catalog/items").intValue()).isEqualTo(6);
    }

    @Test
    void dashboard_countsExportsAndErasures_ofTheOperatorAndOfVisitors() {
        String token = json(new Browser(server).post("/v1/me/consent", Browser.firstConsent("v1", false)))
                .get("visitorToken").textValue();
        new Browser(server).post("/v1/me/export", Browser.token(token));
        server.get("/v1/privacy/v2");
        server.delete("/v1/privacy/v2");
        new Browser(server).post("/v1/me/erase", Browser.token(token));

        JsonNode privacy = json(server.get("/v1/dashboard")).get("privacy");

        assertThat(privacy.get("exports").longValue()).isEqualTo(2);
        assertThat(privacy.get("selfServiceExports").longValue()).isEqualTo(1);
        assertThat(privacy.get("erasures").longValue()).isEqualTo(2);
        assertThat(privacy.get("selfServiceErasures").longValue()).isEqualTo(1);
    }

    @Test
    void dashboard_needsTheSecretKey() {
        assertThat(server.send(server.anonymousRequest("/v1/dashboard").GET().build()).statusCode()).isEqualTo(401);
        assertThat(new Browser(server).get("/v1/dashboard").statusCode()).isEqualTo(403);
        assertThat(server.get("/v1/dashboard?visitorId=v1").statusCode()).isEqualTo(400);
    }

    private static String impression(String id, String visitorId, String slot) {
        return """
                {"id": "%s", "type": "recommendation_impression", "visitorId": "%s", "channel": "web",
                 "timestamp": "%s", "items": [{"itemId": "shoe-1", "quantity": 1}], "properties": {"slot": "%s"}}"""
                .formatted(id, visitorId, WireJson.recent(), slot);
    }

    private static String click(String id, String visitorId, String slot) {
        return """
                {"id": "%s", "type": "recommendation_click", "visitorId": "%s", "channel": "web", "timestamp": "%s",
                 "itemId": "shoe-2", "properties": {"slot": "%s"}}""".formatted(id, visitorId, WireJson.recent(), slot);
    }
}
