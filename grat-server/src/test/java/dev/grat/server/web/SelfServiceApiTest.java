package dev.grat.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grat.consent.Purpose;
import dev.grat.server.http.RunningServer;
import dev.grat.server.http.WireJson;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static dev.grat.server.http.RunningServer.json;
import static dev.grat.server.web.Browser.consentWithToken;
import static dev.grat.server.web.Browser.firstConsent;
import static dev.grat.server.web.Browser.token;
import static org.assertj.core.api.Assertions.assertThat;

class SelfServiceApiTest extends CatalogServerTest {

    @Test
    void firstConsent_recordsItAndIssuesATokenForThatVisitor() {
        HttpResponse<String> response = browser.post("/v1/me/consent", firstConsent("v-alice", false));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(RunningServer.SHOP_ORIGIN);
        JsonNode answer = json(response);
        assertThat(answer.get("visitorId").textValue()).isEqualTo("v-alice");
        assertThat(answer.get("visitorToken").textValue()).startsWith("vt1.");
        assertThat(answer.at("/consent/purposes/personalization").booleanValue()).isTrue();
        assertThat(server.grat.consent("v-alice").current().allows(Purpose.PERSONALIZATION)).isTrue();
    }

    @Test
    void export_withTheToken_answersOnlyItsOwnVisitor() {
        String alice = tokenOf("v-alice");
        tokenOf("v-bob");
        server.postJson("/v1/events", WireJson.batch(List.of(
                WireJson.productView("e1", "v-alice", "shoe-1"), WireJson.productView("e2", "v-bob", "jacket-1"))));

        JsonNode export = json(browser.post("/v1/me/export", token(alice)));

        assertThat(export.get("visitorId").textValue()).isEqualTo("v-alice");
        assertThat(export.get("events")).extracting(event -> event.get("id").textValue()).containsExactly("e1");
    }

    @Test
    void consentForAVisitorWithConsentOnRecord_needsTheirOwnToken() {
        String alice = tokenOf("v-alice");
        String bob = tokenOf("v-bob");

        HttpResponse<String> withoutToken = browser.post("/v1/me/consent", firstConsent("v-alice", true));
        HttpResponse<String> withBobsToken = browser.post("/v1/me/consent", consentWithToken("v-alice", bob, false));
        HttpResponse<String> withOwnToken = browser.post("/v1/me/consent", consentWithToken("v-alice", alice, false));

        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(json(withoutToken).get("error").textValue()).contains("send their visitorToken");
        assertThat(withBobsToken.statusCode()).isEqualTo(403);
        assertThat(withOwnToken.statusCode()).isEqualTo(200);
        assertThat(json(withOwnToken).at("/consent/purposes/personalization").booleanValue()).isFalse();
        assertThat(json(withOwnToken).get("visitorToken").textValue()).startsWith("vt1.");
        assertThat(server.grat.consent("v-alice").history()).hasSize(2);
    }

    @Test
    void exportAndErase_withAForgedOrMissingToken_are401() {
        String alice = tokenOf("v-alice");
        String forged = alice.substring(0, alice.length() - 4) + "AAAA";

        HttpResponse<String> missing = browser.post("/v1/me/export", "{}");
        HttpResponse<String> wrong = browser.post("/v1/me/erase", token(forged));

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(json(missing).get("error").textValue()).contains("visitorToken is required");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Grat-Visitor-Token");
        assertThat(server.grat.consent("v-alice").history()).hasSize(1);
    }

    @Test
    void erase_removesTheVisitorEverywhere_andReturnsTheReceipt() {
        String alice = tokenOf("v-alice");
        server.postJson("/v1/events", WireJson.batch(List.of(WireJson.productView("e1", "v-alice", "shoe-1"))));

        JsonNode receipt = json(browser.post("/v1/me/erase", token(alice)));

        assertThat(receipt.get("events").intValue()).isEqualTo(1);
        assertThat(receipt.get("consentEntries").intValue()).isEqualTo(1);
        assertThat(server.grat.export("v-alice").events()).isEmpty();
        assertThat(server.grat.consent("v-alice").history()).isEmpty();
    }

    @Test
    void consentWithGlobalPrivacyControl_refusesMarketing() {
        JsonNode answer = json(browser.postWithGpc("/v1/me/consent", firstConsent("v-alice", true)));

        assertThat(answer.at("/consent/purposes/marketing").booleanValue()).isFalse();
        assertThat(answer.at("/consent/history/0/globalPrivacyControl").booleanValue()).isTrue();
    }

    @Test
    void badConsentBodies_nameTheField() {
        HttpResponse<String> unknownField = browser.post("/v1/me/consent", """
                {"visitorId": "v-1", "email": "a@b.example", "purposes": {"analytics": true}, "source": "banner",
                 "policyVersion": "1"}""");
        HttpResponse<String> addressAsId = browser.post("/v1/me/consent", firstConsent("alice@example.com", false));
        HttpResponse<String> unknownPurpose = browser.post("/v1/me/consent", """
                {"visitorId": "v-1", "purposes": {"profiling": true}, "source": "banner", "policyVersion": "1"}""");

        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(json(unknownField).at("/fields/0/field").textValue()).isEqualTo("email");
        assertThat(json(addressAsId).at("/fields/0/field").textValue()).isEqualTo("visitorId");
        assertThat(json(addressAsId).at("/fields/0/message").textValue()).contains("e-mail address");
        assertThat(json(unknownPurpose).at("/fields/0/field").textValue()).isEqualTo("purposes.profiling");
    }

    @Test
    void meRoutes_needThePublishableKeyFromAnAllowedOrigin() {
        HttpResponse<String> noKey = server.send(server.anonymousRequest("/v1/me/export")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        HttpResponse<String> noOrigin = server.send(server.anonymousRequest("/v1/me/export")
                .header("Authorization", "Bearer " + RunningServer.PUBLISHABLE_KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(noOrigin.statusCode()).isEqualTo(403);
    }

    @Test
    void preflightFromTheShop_allowsTheMeRoutes_withTheHeadersGratAlreadyAllows() {
        HttpResponse<String> preflight = server.send(server.anonymousRequest("/v1/me/erase")
                .header("Origin", RunningServer.SHOP_ORIGIN).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());

        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValue("Authorization, Content-Type, Grat-Visitor-Token");
    }
}
