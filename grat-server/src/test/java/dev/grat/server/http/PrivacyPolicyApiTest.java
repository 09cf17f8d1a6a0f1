package dev.grat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grat.privacy.policy.DataCategory;
import dev.grat.privacy.policy.DataPolicy;
import dev.grat.server.config.PolicyFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.grat.server.http.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/** A shop's own data policy over HTTP: minimisation at POST /v1/events, and GET /v1/privacy/report. */
class PrivacyPolicyApiTest {

    @TempDir
    Path dataDir;

    private RunningServer server;

    @BeforeEach
    void start() throws IOException {
        Path policyFile = dataDir.resolve("policy.json");
        Files.writeString(policyFile, PolicyFile.toJson(viewsKeepOnlyTheProduct()));
        server = RunningServer.start(dataDir.resolve("data"), RunningServer.defaults().policyFile(policyFile).build());
        assertThat(server.putJson("/v1/items", WireJson.catalog()).statusCode()).isEqualTo(200);
        assertThat(server.putJson("/v1/consent/alice", WireJson.consent(true, false, false)).statusCode()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The default policy, but interaction events keep only the product id. */
    private static DataPolicy viewsKeepOnlyTheProduct() {
        DataPolicy base = DataPolicy.defaultPolicy();
        List<DataCategory> categories = new ArrayList<>(base.categories());
        DataCategory views = base.category("interaction-events").orElseThrow();
        categories.set(categories.indexOf(views), new DataCategory(views.id(), views.description(), views.kind(),
                views.purposes(), views.legalBasis(), views.retention(), views.recipients(), views.eventTypes(),
                List.of("itemId")));
        return new DataPolicy("shop-7", "Example Shop", "dpo@shop.example", categories);
    }

    @Test
    void events_loseUndeclaredFieldsBeforeStorage_andTheAnswerCountsThem() {
        String view = """
                {"id": "e1", "type": "product_view", "visitorId": "alice", "channel": "web", "timestamp": "%s",
                 "itemId": "shoe-1", "categoryId": "Women/Shoes", "properties": {"slot": "home", "ab": "b"}}"""
                .formatted(WireJson.recent());

        JsonNode answer = json(server.postJson("/v1/events", WireJson.batch(List.of(view))));

        assertThat(answer.get("personal").intValue()).isEqualTo(1);
        assertThat(answer.get("droppedFields").intValue()).isEqualTo(3);
        JsonNode stored = json(server.get("/v1/privacy/alice")).get("events").get(0);
        assertThat(stored.get("itemId").textValue()).isEqualTo("shoe-1");
        assertThat(stored.path("categoryId").isMissingNode() || stored.get("categoryId").isNull()).isTrue();
        assertThat(stored.path("properties").isEmpty()).isTrue();
    }

    @Test
    void report_isThePolicyWithLiveCounts_notAVisitorNamedReport() {
        server.postJson("/v1/events", WireJson.batch(List.of(WireJson.productView("e1", "alice", "shoe-1"),
                WireJson.productView("e2", "alice", "shoe-2"), WireJson.productView("e3", "nobody", "shoe-1"))));

        HttpResponse<String> response = server.get("/v1/privacy/report");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = json(response);
        assertThat(report.has("visitorId")).isFalse();
        assertThat(report.get("policyVersion").textValue()).isEqualTo("shop-7");
        assertThat(report.at("/controller/name").textValue()).isEqualTo("Example Shop");
        JsonNode views = report.get("categories").get(2);
        assertThat(views.get("id").textValue()).isEqualTo("interaction-events");
        assertThat(views.get("retention").textValue()).isEqualTo("P180D");
        assertThat(views.get("subjects").longValue()).isEqualTo(1);
        assertThat(views.get("records").longValue()).isEqualTo(2);
        assertThat(views.get("fields")).extracting(JsonNode::textValue).containsExactly("itemId");
    }

    @Test
    void report_isAReadablePage_forBrowsers_andNeedsTheSecretKey() {
        HttpResponse<String> page = server.send(server.request("/v1/privacy/report")
                .header("Accept", "text/html").GET().build());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("What data we keep, and why").contains("interaction-events")
                .contains("180 days").contains("Example Shop");
        assertThat(server.send(server.anonymousRequest("/v1/privacy/report").GET().build()).statusCode()).isEqualTo(401);
    }
}
