package dev.grat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static dev.grat.server.http.RunningServer.json;
import static dev.grat.server.http.WireJson.batch;
import static dev.grat.server.http.WireJson.productView;
import static dev.grat.server.http.WireJson.purchase;
import static org.assertj.core.api.Assertions.assertThat;

class DecisionsAndPrivacyApiTest {

    private static final String GREETINGS = """
            {"variants": [
              {"id": "welcome-back-buyer", "text": "Welcome back! New arrivals for you.",
               "conditions": [{"field": "purchaseCount", "op": "gte", "value": 1}]},
              {"id": "hello", "text": "Hello and welcome!", "conditions": []}
            ]}""";

    @TempDir
    Path dataDir;

    private RunningServer server;

    @BeforeEach
    void start() {
        server = RunningServer.start(dataDir);
        server.putJson("/v1/items", WireJson.catalog());
        server.putJson("/v1/consent/alice", WireJson.consent(true, true, false));
        server.postJson("/v1/events", batch(List.of(
                productView("a1", "alice", "shoe-1"),
                productView("a2", "alice", "shoe-2"),
                productView("a3", "alice", "shoe-3"),
                purchase("a4", "alice", "shoe-1", "89.00"))));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void recommendations_arePersonalForAConsentingVisitor_andEachHasAReason() {
        JsonNode answer = json(server.get("/v1/recommendations?visitorId=alice&slot=home&n=3"));

        assertThat(answer.get("personalized").booleanValue()).isTrue();
        assertThat(answer.get("items")).isNotEmpty();
        answer.get("items").forEach(item -> {
            assertThat(item.get("reason").textValue()).isNotBlank();
            assertThat(item.get("id").textValue()).isNotEqualTo("shoe-1");
        });
    }

    @Test
    void recommendationsForAProduct_followViewedTogether() {
        JsonNode answer = json(server.get("/v1/recommendations?slot=product&item=shoe-2&n=5"));

        assertThat(answer.get("items").findValuesAsText("id")).contains("shoe-3").doesNotContain("shoe-2");
        assertThat(answer.get("personalized").booleanValue()).isFalse();
    }

    @Test
    void recommendationParameters_areChecked() {
        HttpResponse<String> badSlot = server.get("/v1/recommendations?slot=sidebar");
        HttpResponse<String> badCount = server.get("/v1/recommendations?n=ten");
        HttpResponse<String> misspelt = server.get("/v1/recommendations?visitorID=alice");

        assertThat(badSlot.statusCode()).isEqualTo(400);
        assertThat(json(badSlot).get("fields").get(0).get("field").textValue()).isEqualTo("slot");
        assertThat(json(badSlot).get("error").textValue()).contains("home, product, cart, category");
        assertThat(badCount.statusCode()).isEqualTo(400);
        assertThat(json(badCount).get("fields").get(0).get("field").textValue()).isEqualTo("n");
        assertThat(misspelt.statusCode()).isEqualTo(400);
        assertThat(json(misspelt).get("error").textValue()).contains("visitorID", "visitorId");
    }

    @Test
    void navigation_ordersCategoriesByTheVisitorsInterest() {
        JsonNode answer = json(server.get("/v1/navigation?visitorId=alice"));

        assertThat(answer.get("personalized").booleanValue()).isTrue();
        assertThat(answer.get("categories").get(0).get("category").textValue()).isEqualTo("Women");
        assertThat(answer.get("reason").textValue()).isNotBlank();
        assertThat(answer.get("categories").get(0).get("reason").textValue()).isNotBlank();
    }

    @Test
    void content_picksTheVariantWhoseConditionsHold_withTheReason() {
        HttpResponse<String> put = server.putJson("/v1/content/greeting", GREETINGS);
        JsonNode buyer = json(server.get("/v1/content?visitorId=alice&slot=greeting"));
        JsonNode stranger = json(server.get("/v1/content?visitorId=stranger&slot=greeting"));
        JsonNode slots = json(server.get("/v1/content/slots"));

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(buyer.get("variantId").textValue()).isEqualTo("welcome-back-buyer");
        assertThat(buyer.get("reason").textValue()).contains("purchaseCount");
        assertThat(stranger.get("variantId").textValue()).isEqualTo("hello");
        assertThat(slots.get("slots").get("greeting").findValuesAsText("id"))
                .containsExactly("welcome-back-buyer", "hello");
    }

    @Test
    void contentVariantsWithAnUnknownProfileField_are400NamingTheCondition() {
        HttpResponse<String> response = server.putJson("/v1/content/greeting", """
                {"variants": [{"id": "x", "text": "Hi", "conditions": [{"field": "age", "op": "gt", "value": 30}]}]}""");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode field = json(response).get("fields").get(0);
        assertThat(field.get("field").textValue()).isEqualTo("variants[0].conditions[0].field");
        assertThat(field.get("message").textValue()).contains("purchaseCount");
    }

    @Test
    void contentOfAnUnknownSlot_is404_andWithoutSlot_is400() {
        assertThat(server.get("/v1/content?visitorId=alice&slot=banner").statusCode()).isEqualTo(404);
        HttpResponse<String> noSlot = server.get("/v1/content?visitorId=alice");
        assertThat(noSlot.statusCode()).isEqualTo(400);
        assertThat(json(noSlot).get("fields").get(0).get("field").textValue()).isEqualTo("slot");
    }

    @Test
    void privacyExport_holdsEventsConsentAndProfile_andDeleteErasesThem() {
        JsonNode export = json(server.get("/v1/privacy/alice"));
        assertThat(export.get("events").findValuesAsText("id")).containsExactlyInAnyOrder("a1", "a2", "a3", "a4");
        assertThat(export.get("consent").get("history")).hasSize(1);
        assertThat(export.get("profile").get("purchaseCount").intValue()).isEqualTo(1);

        HttpResponse<String> erase = server.delete("/v1/privacy/alice");
        JsonNode receipt = json(erase);
        assertThat(erase.statusCode()).isEqualTo(200);
        assertThat(receipt.get("events").intValue()).isEqualTo(4);
        assertThat(receipt.get("consentEntries").intValue()).isEqualTo(1);
        assertThat(receipt.get("removedFrom")).isNotEmpty();

        JsonNode after = json(server.get("/v1/privacy/alice"));
        assertThat(after.get("events")).isEmpty();
        assertThat(after.get("consent").get("history")).isEmpty();
        assertThat(json(server.get("/v1/recommendations?visitorId=alice")).get("personalized").booleanValue()).isFalse();
    }

    @Test
    void metrics_countEventsByTypeAndChannel_andRequestsByRouteTemplate() {
        server.postJson("/v1/events", batch(List.of(productView("m1", "alice", "shoe-1"), "{\"type\": \"teleport\"}")));
        server.get("/v1/privacy/alice");

        // A request's latency is recorded after its answer is written, so the client may see the answer first.
        HttpResponse<String> metrics = server.get("/metrics");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (!metrics.body().contains("route=\"/v1/privacy/{visitorId}\"} 1") && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            metrics = server.get("/metrics");
        }

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(metrics.body())
                .contains("grat_events_accepted_total{type=\"product_view\",channel=\"web\"} 4")
                .contains("grat_events_accepted_total{type=\"purchase\",channel=\"shop\"} 1")
                .contains("grat_events_rejected_total{type=\"unknown\",channel=\"unknown\"} 1")
                .contains("grat_http_request_duration_seconds_count{method=\"GET\",route=\"/v1/privacy/{visitorId}\"} 1")
                .contains("grat_http_request_duration_seconds_bucket{method=\"POST\",route=\"/v1/events\",le=\"+Inf\"} 2")
                .contains("grat_catalog_items 6")
                .contains("grat_personal_events 5")
                .contains("grat_profiles 1")
                .doesNotContain("alice");
    }
}
