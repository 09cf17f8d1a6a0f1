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

import static dev.grat.server.http.RunningServer.json;
import static dev.grat.server.http.WireJson.batch;
import static dev.grat.server.http.WireJson.productView;
import static org.assertj.core.api.Assertions.assertThat;

class EventsApiTest {

    @TempDir
    Path dataDir;

    private RunningServer server;

    @BeforeEach
    void start() {
        server = RunningServer.start(dataDir);
        assertThat(server.putJson("/v1/items", WireJson.catalog()).statusCode()).isEqualTo(200);
        assertThat(server.putJson("/v1/consent/alice", WireJson.consent(true, true, false)).statusCode()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void batch_acceptsValidEvents_andRejectsEachInvalidOneWithItsIndexAndField() {
        String badChannel = """
                {"id": "e2", "type": "product_view", "visitorId": "alice", "channel": "fax",
                 "timestamp": "%s", "itemId": "shoe-1"}""".formatted(WireJson.recent());
        String priceAsText = """
                {"id": "e3", "type": "purchase", "visitorId": "alice", "channel": "shop", "timestamp": "%s",
                 "items": [{"itemId": "shoe-1", "quantity": 1, "price": "89.00"}], "currency": "EUR"}"""
                .formatted(WireJson.recent());
        String searchWithoutQuery = """
                {"id": "e4", "type": "search", "visitorId": "alice", "channel": "web", "timestamp": "%s"}"""
                .formatted(WireJson.recent());

        HttpResponse<String> response = server.postJson("/v1/events", batch(List.of(
                productView("e1", "alice", "shoe-1"), badChannel, priceAsText, searchWithoutQuery, "42")));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("accepted").intValue()).isEqualTo(1);
        assertThat(body.get("personal").intValue()).isEqualTo(1);
        JsonNode rejected = body.get("rejected");
        assertThat(rejected).hasSize(4);
        assertRejection(rejected.get(0), 1, "e2", "channel", "must be one of: web, app, email, shop");
        assertRejection(rejected.get(1), 2, "e3", "items[0].price", "must be a number");
        assertRejection(rejected.get(2), 3, "e4", "query", "is required for search");
        assertRejection(rejected.get(3), 4, null, "event", "must be a JSON object");
    }

    @Test
    void sameEventIdTwice_isStoredOnce() {
        String event = productView("dup-1", "alice", "shoe-2");
        JsonNode first = json(server.postJson("/v1/events", batch(List.of(event))));
        JsonNode second = json(server.postJson("/v1/events", batch(List.of(event, event))));

        assertThat(first.get("personal").intValue()).isEqualTo(1);
        assertThat(second.get("accepted").intValue()).isEqualTo(2);
        assertThat(second.get("duplicates").intValue()).isEqualTo(2);
        JsonNode export = json(server.get("/v1/privacy/alice"));
        assertThat(export.get("events").findValuesAsText("id")).containsExactly("dup-1");
    }

    @Test
    void bodyOverTheLimit_is413AndNamesTheLimit() {
        StringBuilder padding = new StringBuilder();
        while (padding.length() < 1024 * 1024 + 10) {
            padding.append("          ");
        }
        HttpResponse<String> response = server.postJson("/v1/events",
                "{\"events\": [" + padding + productView("big", "alice", "shoe-1") + "]}");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("error").textValue()).contains("1048576 bytes (1 MiB)");
    }

    @Test
    void batchOverTheMaximumSize_is413AndNothingIsStored() {
        server.close();
        server = RunningServer.start(dataDir, RunningServer.defaults().maxBatchSize(3).build());
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            events.add(productView("many-" + i, "alice", "shoe-1"));
        }

        HttpResponse<String> response = server.postJson("/v1/events", batch(events));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("error").textValue()).contains("4 events", "limit of 3");
        assertThat(json(server.get("/v1/privacy/alice")).get("events")).isEmpty();
    }

    @Test
    void bodyThatIsNotJson_is415() {
        HttpResponse<String> response = server.send(server.request("/v1/events")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(batch(List.of(productView("t1", "alice", "shoe-1")))))
                .build());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(json(response).get("error").textValue()).contains("application/json", "text/plain");
    }

    @Test
    void malformedJson_is400WithThePosition() {
        HttpResponse<String> response = server.postJson("/v1/events", "{\"events\": [");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").textValue()).contains("not valid JSON", "line 1");
    }

    @Test
    void bodyWithoutEventsArray_is400NamingTheField() {
        HttpResponse<String> response = server.postJson("/v1/events", "{\"event\": []}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("fields").get(0).get("field").textValue()).isEqualTo("event");
    }

    @Test
    void unknownPath_is404AndWrongMethod_is405WithAllow() {
        HttpResponse<String> unknown = server.get("/v1/nothing-here");
        HttpResponse<String> wrongMethod = server.delete("/v1/events");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("error").textValue()).contains("no endpoint");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST, OPTIONS");
    }

    @Test
    void globalPrivacyControl_keepsEmailEventsOfAMarketingConsentedVisitorAnonymous() {
        server.putJson("/v1/consent/bob", WireJson.consent(true, true, true));
        String open = """
                {"id": "mail-1", "type": "email_open", "visitorId": "bob", "channel": "email", "timestamp": "%s"}"""
                .formatted(WireJson.recent());

        JsonNode withGpc = json(server.send(server.request("/v1/events").header("Content-Type", "application/json")
                .header("Sec-GPC", "1").POST(HttpRequest.BodyPublishers.ofString(batch(List.of(open)))).build()));

        assertThat(withGpc.get("anonymous").intValue()).isEqualTo(1);
        assertThat(withGpc.get("personal").intValue()).isZero();
    }

    private static void assertRejection(JsonNode rejection, int index, String id, String field, String error) {
        assertThat(rejection.get("index").intValue()).isEqualTo(index);
        assertThat(rejection.get("id").isNull() ? null : rejection.get("id").textValue()).isEqualTo(id);
        assertThat(rejection.get("field").textValue()).isEqualTo(field);
        assertThat(rejection.get("error").textValue()).contains(error);
    }
}
