package dev.grat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static dev.grat.server.http.RunningServer.json;
import static dev.grat.server.http.WireJson.batch;
import static dev.grat.server.http.WireJson.productView;
import static org.assertj.core.api.Assertions.assertThat;

/** Privacy levels over HTTP, session-only visitors, and pseudonymised customer ids, down to the bytes on disk. */
class PrivacyLevelsApiTest {

    private static final String SESSION_VISITOR = "sess-visitor-4c9e7d21";
    private static final String EMAIL = "Alice@Example.com";
    private static final String SESSION_ONLY = """
            {"purposes": {"session": true}, "source": "banner", "policyVersion": "2026-01"}""";

    @TempDir
    Path dataDir;

    @Test
    void everyDecisionEndpoint_saysItsPrivacyLevel_andASessionVisitorIsPersonalizedFromMemoryOnly() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir)) {
            shopWithHistory(server);
            assertThat(server.putJson("/v1/consent/" + SESSION_VISITOR, SESSION_ONLY).statusCode()).isEqualTo(200);

            JsonNode tracked = json(server.postJson("/v1/events", batch(List.of(
                    productView("s-1", SESSION_VISITOR, "shoe-1"), productView("s-2", SESSION_VISITOR, "shoe-2")))));

            assertThat(tracked.get("personal").intValue()).isZero();
            JsonNode recs = json(server.get("/v1/recommendations?slot=home&n=3&visitorId=" + SESSION_VISITOR));
            assertThat(recs.get("personalized").booleanValue()).isTrue();
            assertThat(recs.get("privacyLevel").textValue()).isEqualTo("session");
            assertThat(recs.get("dataUsed").toString()).contains("session_activity").doesNotContain("interaction_history");
            JsonNode navigation = json(server.get("/v1/navigation?visitorId=" + SESSION_VISITOR));
            assertThat(navigation.get("privacyLevel").textValue()).isEqualTo("session");
            assertThat(navigation.get("personalized").booleanValue()).isTrue();
            JsonNode content = json(server.get("/v1/content?slot=greeting&visitorId=" + SESSION_VISITOR));
            assertThat(content.get("privacyLevel").textValue()).isEqualTo("session");
            JsonNode decision = json(server.postJson("/v1/decisions", """
                    {"visitorId": "%s", "slot": "offer", "candidates": [
                      {"id": "a", "features": {"discount": 0.1}}, {"id": "b", "features": {"discount": 0.2}}]}"""
                    .formatted(SESSION_VISITOR)));
            assertThat(decision.get("privacyLevel").textValue()).isEqualTo("session");
            assertThat(decision.get("dataUsed").toString()).contains("session_activity");
            JsonNode stranger = json(server.get("/v1/recommendations?slot=home&n=3&visitorId=stranger"));
            assertThat(stranger.get("privacyLevel").textValue()).isEqualTo("context");
            assertThat(stranger.get("dataUsed").toString()).isEqualTo("[\"request_context\",\"popularity\"]");
            assertThat(json(server.get("/v1/recommendations?slot=home&n=3&visitorId=linked-1"))
                    .get("privacyLevel").textValue()).isEqualTo("cross_channel");
        }

        try (RunningServer restarted = RunningServer.start(dataDir)) {
            JsonNode recs = json(restarted.get("/v1/recommendations?slot=home&n=3&visitorId=" + SESSION_VISITOR));
            assertThat(recs.get("privacyLevel").textValue()).isEqualTo("session");
            assertThat(recs.get("personalized").booleanValue()).isFalse();
            assertThat(json(restarted.get("/v1/privacy/" + SESSION_VISITOR)).get("events").size())
                    .as("no event of a session visitor is stored").isZero();
        }
        // The consent answer is the one record of a session visitor (evidence of consent), and the store seals it
        // with the visitor's key (crypto-shredding): no file of the data directory holds their id in clear.
        assertThat(filesContaining(dataDir, SESSION_VISITOR)).isEmpty();
    }

    @Test
    void anEmailCustomerId_leavesNeitherTheAddressNorItsPlainSha256InAnyFile() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir)) {
            server.putJson("/v1/items", WireJson.catalog());
            server.putJson("/v1/consent/phone-1", WireJson.consent(true, true, false));
            JsonNode tracked = json(server.postJson("/v1/events", batch(List.of("""
                    {"id": "e-mail-1", "type": "product_view", "visitorId": "phone-1", "customerId": "%s",
                     "channel": "web", "timestamp": "%s", "itemId": "shoe-1"}""".formatted(EMAIL, WireJson.recent())))));

            assertThat(tracked.get("personal").intValue()).as(tracked.toString()).isEqualTo(1);
            JsonNode export = json(server.get("/v1/privacy/phone-1"));
            assertThat(export.toString()).doesNotContainIgnoringCase(EMAIL).contains("\"customerId\":\"p.");
        }
        for (String form : List.of(EMAIL, EMAIL.toLowerCase())) {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(form.getBytes(StandardCharsets.UTF_8));
            assertThat(filesContaining(dataDir, form)).isEmpty();
            assertThat(filesContaining(dataDir, HexFormat.of().formatHex(digest))).isEmpty();
            assertThat(filesContaining(dataDir, HexFormat.of().withUpperCase().formatHex(digest))).isEmpty();
            assertThat(filesContaining(dataDir, java.util.Base64.getEncoder().encodeToString(digest))).isEmpty();
            assertThat(filesWithBytes(dataDir, digest)).isEmpty();
        }
        assertThat(filesContaining(dataDir, "Example.com")).isEmpty();
    }

    @Test
    void customerErasure_acceptsTheEmailAddressTheShopKnows() {
        try (RunningServer server = RunningServer.start(dataDir)) {
            server.putJson("/v1/items", WireJson.catalog());
            for (String device : List.of("phone-1", "laptop-1")) {
                server.putJson("/v1/consent/" + device, WireJson.consent(false, true, false));
                server.postJson("/v1/events", batch(List.of("""
                        {"id": "e-%s", "type": "page_view", "visitorId": "%s", "customerId": "%s", "channel": "web",
                         "timestamp": "%s"}""".formatted(device, device, EMAIL, WireJson.recent()))));
            }

            JsonNode answer = json(server.delete("/v1/privacy/customers/alice@example.com"));

            assertThat(answer.get("receipts")).hasSize(2);
            assertThat(json(server.get("/v1/privacy/laptop-1")).get("events")).isEmpty();
        }
    }

    private static void shopWithHistory(RunningServer server) {
        server.putJson("/v1/items", WireJson.catalog());
        List<String> views = new ArrayList<>();
        for (String other : List.of("o-1", "o-2", "o-3")) {
            server.putJson("/v1/consent/" + other, WireJson.consent(false, true, false));
            views.add(productView(other + "-a", other, "shoe-1"));
            views.add(productView(other + "-b", other, "shoe-2"));
            views.add(productView(other + "-c", other, "sock-1"));
        }
        server.putJson("/v1/consent/linked-1", WireJson.consent(false, true, false));
        views.add("""
                {"id": "link-1", "type": "page_view", "visitorId": "linked-1", "customerId": "cust-1", "channel": "web",
                 "timestamp": "%s"}""".formatted(WireJson.recent()));
        server.postJson("/v1/events", batch(views));
        server.putJson("/v1/content/greeting", """
                {"variants": [{"id": "shoes", "text": "New shoes", "conditions": [
                  {"field": "topCategory", "op": "eq", "value": "Women"}]},
                  {"id": "hello", "text": "Hello", "conditions": []}]}""");
        server.putJson("/v1/slots/offer/policy", "{\"policy\": \"linucb\"}");
    }

    private static List<Path> filesContaining(Path dir, String text) throws IOException {
        return filesWithBytes(dir, text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Path> filesWithBytes(Path dir, byte[] needle) throws IOException {
        List<Path> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (indexOf(Files.readAllBytes(file), needle) >= 0) {
                    hits.add(file);
                }
            }
        }
        return hits;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
