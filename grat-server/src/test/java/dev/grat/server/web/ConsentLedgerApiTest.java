package dev.grat.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grat.server.http.WireJson;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static dev.grat.server.http.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Consent receipts, the ledger's verification, objection and restriction over HTTP (operator and visitor routes). */
class ConsentLedgerApiTest extends CatalogServerTest {

    private static final String NOTICE = "We recommend products from what you view. <b>Withdraw</b> any time.";

    private void consentWithNotice(String visitorId) {
        HttpResponse<String> answer = server.putJson("/v1/consent/" + visitorId, """
                {"purposes": {"analytics": true, "personalization": true}, "source": "banner",
                 "policyVersion": "2026-03", "text": "%s"}""".formatted(NOTICE));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private boolean personalized(String visitorId) {
        return json(server.get("/v1/recommendations?visitorId=" + visitorId + "&slot=home&n=3"))
                .get("personalized").booleanValue();
    }

    private void viewsOf(String visitorId) {
        server.postJson("/v1/events", WireJson.batch(List.of(WireJson.productView(visitorId + "-1", visitorId, "shoe-1"),
                WireJson.productView(visitorId + "-2", visitorId, "shoe-2"))));
    }

    @Test
    void receipt_asJson_holdsTheNoticeAndTheLedgerEntry_andVerificationAgrees() {
        consentWithNotice("v-ann");

        JsonNode receipt = json(server.get("/v1/consent/v-ann/receipt"));
        JsonNode verification = json(server.get("/v1/consent/ledger/verify"));

        assertThat(receipt.get("agreed")).extracting(JsonNode::textValue)
                .contains("necessary", "analytics", "personalization");
        assertThat(receipt.get("refused")).extracting(JsonNode::textValue).contains("marketing");
        assertThat(receipt.at("/notice/text").textValue()).isEqualTo(NOTICE);
        assertThat(receipt.at("/ledger/sequence").longValue()).isEqualTo(1);
        assertThat(verification.get("valid").booleanValue()).isTrue();
        assertThat(verification.get("entriesChecked").longValue()).isEqualTo(1);
        assertThat(verification.get("firstBroken").isNull()).isTrue();
        assertThat(receipt.at("/ledger/entryHash").textValue()).isEqualTo(verification.get("headHash").textValue());
    }

    @Test
    void receipt_asHtml_escapesTheNotice_andLoadsNothing() {
        consentWithNotice("v-ann");

        HttpResponse<String> page = server.send(server.request("/v1/consent/v-ann/receipt")
                .header("Accept", "text/html").GET().build());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).startsWith("default-src 'none'"));
        assertThat(page.body()).contains("&lt;b&gt;Withdraw&lt;/b&gt;").doesNotContain("<b>Withdraw");
    }

    @Test
    void receipt_ofAVisitorWithoutConsent_is404_andVerificationNeedsTheSecretKey() {
        assertThat(server.get("/v1/consent/nobody/receipt").statusCode()).isEqualTo(404);
        assertThat(browser.get("/v1/consent/ledger/verify").statusCode()).isIn(401, 403);
    }

    @Test
    void noticeTextOver8KiB_isA400NamingText() {
        HttpResponse<String> answer = server.putJson("/v1/consent/v-ann", """
                {"purposes": {"analytics": true}, "source": "banner", "policyVersion": "1", "text": "%s"}"""
                .formatted("x".repeat(8 * 1024 + 1)));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("\"text\"");
    }

    @Test
    void objection_stopsPersonalization_untilLifted() {
        consentWithNotice("v-ann");
        viewsOf("v-ann");
        assertThat(personalized("v-ann")).isTrue();

        JsonNode objected = json(server.putJson("/v1/privacy/v-ann/objection", "{\"active\": true}"));
        boolean whileObjected = personalized("v-ann");
        JsonNode lifted = json(server.putJson("/v1/privacy/v-ann/objection", "{\"active\": false}"));

        assertThat(objected.get("objected").booleanValue()).isTrue();
        assertThat(objected.at("/allowed/personalization").booleanValue()).isFalse();
        assertThat(objected.at("/purposes/personalization").booleanValue()).isTrue();
        assertThat(whileObjected).isFalse();
        assertThat(lifted.get("objected").booleanValue()).isFalse();
        assertThat(personalized("v-ann")).isTrue();
    }

    @Test
    void restriction_keepsNewEventsAnonymous() {
        consentWithNotice("v-ann");

        json(server.putJson("/v1/privacy/v-ann/restriction", "{\"active\": true, \"source\": \"support-ticket-7\"}"));
        JsonNode tracked = json(server.postJson("/v1/events", WireJson.batch(List.of(
                WireJson.productView("r-1", "v-ann", "shoe-1")))));

        assertThat(tracked.get("anonymous").intValue()).isEqualTo(1);
        assertThat(tracked.get("personal").intValue()).isZero();
        JsonNode consent = json(server.get("/v1/consent/v-ann"));
        assertThat(consent.get("restricted").booleanValue()).isTrue();
        assertThat(consent.get("history").get(1).get("source").textValue()).isEqualTo("support-ticket-7");
    }

    @Test
    void objectionBody_withoutABooleanActive_isA400NamingActive() {
        HttpResponse<String> missing = server.putJson("/v1/privacy/v-ann/objection", "{}");
        HttpResponse<String> wrongType = server.putJson("/v1/privacy/v-ann/restriction", "{\"active\": \"yes\"}");

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("\"active\"");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.body()).contains("\"active\"");
    }

    @Test
    void visitor_withTheirToken_objectsRestrictsAndFetchesTheirReceipt() {
        String token = tokenOf("v-bea");

        JsonNode objected = json(browser.post("/v1/me/objection",
                "{\"visitorToken\": \"" + token + "\", \"active\": true}"));
        JsonNode restricted = json(browser.post("/v1/me/restriction",
                "{\"visitorToken\": \"" + token + "\", \"active\": true}"));
        JsonNode receipt = json(browser.post("/v1/me/consent/receipt", Browser.token(token)));

        assertThat(objected.get("objected").booleanValue()).isTrue();
        assertThat(restricted.get("restricted").booleanValue()).isTrue();
        assertThat(receipt.get("visitorId").textValue()).isEqualTo("v-bea");
        assertThat(receipt.get("objected").booleanValue()).isTrue();
        assertThat(receipt.get("restricted").booleanValue()).isTrue();
        assertThat(receipt.get("source").textValue()).isEqualTo("self-service");
        assertThat(receipt.at("/ledger/sequence").longValue()).isEqualTo(3);
        assertThat(browser.post("/v1/me/objection", "{\"visitorToken\": \"vt1.forged\", \"active\": true}")
                .statusCode()).isEqualTo(401);
    }
}
