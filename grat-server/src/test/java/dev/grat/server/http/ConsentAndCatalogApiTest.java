package dev.grat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static dev.grat.server.http.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

class ConsentAndCatalogApiTest {

    @TempDir
    Path dataDir;

    private RunningServer server;

    @BeforeEach
    void start() {
        server = RunningServer.start(dataDir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void consentChanges_areKeptAsALedger_andGetShowsCurrentStateWithHistory() {
        server.putJson("/v1/consent/v-42", WireJson.consent(true, true, true));
        server.putJson("/v1/consent/v-42", """
                {"purposes": {"personalization": false}, "source": "privacy-center", "policyVersion": "2026-02"}""");

        JsonNode record = json(server.get("/v1/consent/v-42"));

        assertThat(record.get("purposes").get("analytics").booleanValue()).isTrue();
        assertThat(record.get("purposes").get("personalization").booleanValue()).isFalse();
        assertThat(record.get("purposes").get("marketing").booleanValue()).isTrue();
        assertThat(record.get("policyVersion").textValue()).isEqualTo("2026-02");
        assertThat(record.get("history")).hasSize(2);
        assertThat(record.get("history").get(0).get("source").textValue()).isEqualTo("banner");
        assertThat(record.get("history").get(0).get("purposes").get("personalization").booleanValue()).isTrue();
        assertThat(record.get("history").get(1).get("source").textValue()).isEqualTo("privacy-center");
    }

    @Test
    void consentWithGlobalPrivacyControl_refusesMarketingWhateverWasSent() {
        HttpResponse<String> response = server.send(server.request("/v1/consent/v-gpc")
                .header("Content-Type", "application/json").header("Sec-GPC", "1")
                .PUT(HttpRequest.BodyPublishers.ofString(WireJson.consent(true, true, true))).build());

        JsonNode record = json(response);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(record.get("purposes").get("marketing").booleanValue()).isFalse();
        assertThat(record.get("purposes").get("personalization").booleanValue()).isTrue();
        assertThat(record.get("history").get(0).get("globalPrivacyControl").booleanValue()).isTrue();
    }

    @Test
    void consentWithUnknownPurposeOrWrongType_is400NamingThePurpose() {
        HttpResponse<String> response = server.putJson("/v1/consent/v-1", """
                {"purposes": {"analytics": "yes", "profiling": true}, "source": "banner", "policyVersion": "1"}""");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode fields = json(response).get("fields");
        assertThat(fields.findValuesAsText("field")).containsExactly("purposes.analytics", "purposes.profiling");
        assertThat(fields.get(0).get("message").textValue()).contains("must be true or false");
        assertThat(fields.get(1).get("message").textValue()).contains("necessary, analytics, personalization, marketing");
    }

    @Test
    void consentOfAVisitorWhoNeverAnswered_isNecessaryOnly() {
        JsonNode record = json(server.get("/v1/consent/stranger"));

        assertThat(record.get("purposes").get("necessary").booleanValue()).isTrue();
        assertThat(record.get("purposes").get("analytics").booleanValue()).isFalse();
        assertThat(record.get("history")).isEmpty();
    }

    @Test
    void catalogBatch_isStored_andEachItemCanBeRead() {
        HttpResponse<String> put = server.putJson("/v1/items", WireJson.catalog());
        JsonNode item = json(server.get("/v1/items/shoe-1"));

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(json(put).get("stored").intValue()).isEqualTo(6);
        assertThat(item.get("title").textValue()).isEqualTo("Trail Runner");
        assertThat(item.get("category").textValue()).isEqualTo("Women/Shoes");
        assertThat(item.get("price").decimalValue()).isEqualByComparingTo("89.00");
        assertThat(item.get("available").booleanValue()).isTrue();
        assertThat(item.get("attributes").get("colour").textValue()).isEqualTo("blue");
    }

    @Test
    void catalogBatchWithAnInvalidItem_is400NamingItsField_andNothingIsStored() {
        HttpResponse<String> response = server.putJson("/v1/items", """
                {"items": [{"id": "ok-1", "title": "Fine", "category": "A/B", "brand": "X", "price": 1},
                           {"id": "bad-1", "title": "Bad", "category": "A/B", "brand": "X", "price": "cheap"}]}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("fields").get(0).get("field").textValue()).isEqualTo("items[1].price");
        assertThat(server.get("/v1/items/ok-1").statusCode()).isEqualTo(404);
    }

    @Test
    void unknownItem_is404() {
        HttpResponse<String> response = server.get("/v1/items/nope");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("error").textValue()).contains("nope");
    }
}
