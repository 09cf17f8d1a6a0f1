package dev.grat.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static dev.grat.server.http.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Declared preferences and their rectification over HTTP: the visitor's own routes and the support staff's. */
class PreferencesApiTest extends CatalogServerTest {

    private static final String DECLARED = """
            {"likes": {"categories": ["Women/Shoes"], "brands": ["Bravo"]}, "dislikes": {"categories": ["Men"]},
             "sizes": {"shoes": "39"}}""";

    @Test
    void aVisitorDeclaresWithTheirToken_readsItBack_andRecommendationsFollowIt() {
        String token = tokenOf("v-ann");

        HttpResponse<String> put = putOwn(declaredWith(token));
        HttpResponse<String> read = getOwn(token);

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(json(put).get("source").textValue()).isEqualTo("visitor");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read).at("/likes/brands/0").textValue()).isEqualTo("Bravo");
        assertThat(json(read).at("/sizes/shoes").textValue()).isEqualTo("39");
        JsonNode picks = json(browser.get("/v1/recommendations?visitorId=v-ann&slot=home&n=4"));
        List<String> ids = new ArrayList<>();
        picks.get("items").forEach(item -> ids.add(item.get("id").textValue()));
        assertThat(ids).doesNotContain("jacket-1", "jacket-2").contains("shoe-3");
        assertThat(picks.at("/items/0/reason").textValue()).startsWith("Because you told us you like");
        assertThat(picks.get("dataUsed")).extracting(JsonNode::textValue).contains("declared_preferences");
    }

    @Test
    void withoutAValidToken_theVisitorRoutesAre401() {
        tokenOf("v-ann");

        assertThat(putOwn(DECLARED).statusCode()).isEqualTo(401);
        assertThat(getOwn("not-a-token").statusCode()).isEqualTo(401);
        assertThat(browser.get("/v1/me/preferences").statusCode()).isEqualTo(401);
    }

    @Test
    void supportStaffCorrectADeclarationWhole_andTheExportShowsOnlyTheNewOne() {
        String token = tokenOf("v-ann");
        putOwn(declaredWith(token));

        HttpResponse<String> corrected = server.putJson("/v1/privacy/v-ann/preferences",
                "{\"likes\": {\"brands\": [\"Alpina\"]}}");

        assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(200);
        JsonNode export = json(server.get("/v1/privacy/v-ann"));
        assertThat(export.at("/declaredPreferences/source").textValue()).isEqualTo("support");
        assertThat(export.at("/declaredPreferences/likes/brands/0").textValue()).isEqualTo("Alpina");
        assertThat(export.get("declaredPreferences").toString()).doesNotContain("Bravo", "Women/Shoes", "\"39\"");
        HttpResponse<String> page = server.send(server.request("/v1/privacy/v-ann").header("Accept", "text/html")
                .GET().build());
        assertThat(page.body()).contains("What you told the shop you like, dislike and wear").contains("Alpina");
        assertThat(json(getOwn(token)).at("/likes/brands/0").textValue()).isEqualTo("Alpina");
    }

    @Test
    void badPreferences_areA400NamingEachField() {
        tokenOf("v-ann");

        HttpResponse<String> answer = server.putJson("/v1/privacy/v-ann/preferences", """
                {"likes": {"brands": ["Alpina", 7], "colours": ["red"]}, "sizes": {"shoes": "%s"}}"""
                .formatted("9".repeat(40)));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("\"likes.brands[1]\"").contains("\"likes.colours\"");
        assertThat(server.putJson("/v1/privacy/v-ann/preferences", "{\"sizes\": {\"shoes\": \"" + "9".repeat(40)
                + "\"}}").body()).contains("\"sizes.shoes\"");
    }

    @Test
    void withoutPersonalizationConsent_nothingIsKept_andTheAnswerNamesTheVisitor() {
        server.putJson("/v1/consent/v-bob", "{\"purposes\": {\"analytics\": true}, \"source\": \"banner\"}");

        HttpResponse<String> answer = server.putJson("/v1/privacy/v-bob/preferences", DECLARED);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("\"visitorId\"");
        assertThat(server.get("/v1/privacy/v-bob/preferences").statusCode()).isEqualTo(404);
    }

    @Test
    void everyPreferencesRouteIsAudited_andErasureRemovesTheDeclaration() {
        String token = tokenOf("v-ann");
        putOwn(declaredWith(token));
        getOwn(token);
        server.putJson("/v1/privacy/v-ann/preferences", DECLARED);

        server.delete("/v1/privacy/v-ann");

        assertThat(server.get("/v1/privacy/v-ann/preferences").statusCode()).isEqualTo(404);
        List<String> actions = new ArrayList<>();
        json(server.get("/v1/audit")).path("entries").forEach(entry -> actions.add(entry.get("action").textValue()));
        assertThat(actions).contains("me.preferences-write", "me.preferences-read", "privacy.preferences-write",
                "privacy.preferences-read");
    }

    /** The declaration as the visitor's page sends it: with their token in the body. */
    private static String declaredWith(String token) {
        return DECLARED.replaceFirst("\\{", "{\"visitorToken\": \"" + token + "\", ");
    }

    private HttpResponse<String> putOwn(String body) {
        return server.send(fromShop("/v1/me/preferences").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> getOwn(String token) {
        return server.send(fromShop("/v1/me/preferences").header("Grat-Visitor-Token", token).GET().build());
    }
}
