package dev.grat.server.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static dev.grat.server.http.RunningServer.PUBLISHABLE_KEY;
import static dev.grat.server.http.RunningServer.SECRET_KEY;
import static dev.grat.server.http.RunningServer.SHOP_ORIGIN;
import static dev.grat.server.http.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the requests a shop really sends (consent, events with customer ids and searches, recommendations, the
 * visitor's own routes, e-mail links, privacy requests, and malformed ones that quote personal data back) with
 * the log at debug level, and then looks for every personal value and key in what was logged.
 */
class LogPrivacyTest {

    private static final String VISITOR = "visitor-q7Zk3m";
    private static final String BROWSER_VISITOR = "6f1c2b9e-4d3a-4e8f-9b7a-0c5d2e1f3a4b";
    private static final String CUSTOMER = "customer-Lw8Pq2";
    private static final String QUERY = "waterproof-hiking-Xy9";
    private static final String GUESSED_KEY = "sk_guess_Rt5Vb8Nm2Qw4Zx7Kp1Lc";

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
    void aRealisticRequestMix_leavesNoPersonalDataAndNoKeyInTheLog() {
        server.putJson("/v1/items", WireJson.catalog());
        server.putJson("/v1/consent/" + VISITOR, WireJson.consent(true, true, true));
        server.postJson("/v1/events", WireJson.batch(List.of(
                WireJson.productView("e-1", VISITOR, "shoe-1"),
                """
                {"id": "e-2", "type": "search", "visitorId": "%s", "customerId": "%s", "channel": "web",
                 "timestamp": "%s", "query": "%s"}""".formatted(VISITOR, CUSTOMER, WireJson.recent(), QUERY),
                WireJson.purchase("e-3", VISITOR, "shoe-1", "89.00"))));
        server.get("/v1/recommendations?visitorId=" + VISITOR + "&slot=home&n=3");
        server.get("/v1/navigation?visitorId=" + VISITOR);
        server.get("/v1/privacy/" + VISITOR);
        HttpResponse<String> links = server.postJson("/v1/email/links", """
                {"visitorId": "%s", "campaign": "spring", "links": ["https://shop.example/sale"]}""".formatted(VISITOR));
        server.send(server.anonymousRequest(json(links).get("open").textValue()).GET().build());

        String token = browserConsent();
        browser("/v1/me/export", "{\"visitorToken\": \"" + token + "\"}");
        browser("/v1/me/erase", "{\"visitorToken\": \"" + token + "\"}");

        // Failures that quote input back to the client must not quote it into the log.
        server.postJson("/v1/events", "{\"events\": [{\"id\": \"e-9\", \"visitorId\": \"" + VISITOR + "\", ");
        server.postJson("/v1/events", WireJson.batch(List.of("{\"id\": \"e-10\", \"type\": \"purchase\", \"visitorId\": \""
                + VISITOR + "\", \"customerId\": \"" + CUSTOMER + "\"}")));
        server.get("/v1/recommendations?visitorId=" + VISITOR + "&slot=nowhere&q=" + enc(QUERY));
        server.get("/v1/unknown/" + VISITOR);
        server.send(server.anonymousRequest("/v1/privacy/" + VISITOR).header("Authorization", "Bearer " + GUESSED_KEY)
                .GET().build());
        server.send(server.anonymousRequest("/v1/navigation?visitorId=" + VISITOR)
                .header("Authorization", "Bearer " + PUBLISHABLE_KEY).header("Origin", "https://evil.example").GET().build());
        server.delete("/v1/privacy/customers/" + CUSTOMER);
        server.delete("/v1/privacy/" + VISITOR);

        String log = server.log();
        assertThat(log).contains("\"event\":\"http_request\"", "/v1/privacy/{visitorId}", "/v1/me/erase");
        assertThat(log.lines().count()).isGreaterThan(15);
        assertThat(log).doesNotContain(VISITOR, BROWSER_VISITOR, CUSTOMER, QUERY, token, SECRET_KEY,
                PUBLISHABLE_KEY, GUESSED_KEY, "Lw8Pq2", "q7Zk3m", "Rt5Vb8");
    }

    private String browserConsent() {
        HttpResponse<String> consent = browser("/v1/me/consent", """
                {"visitorId": "%s", "purposes": {"analytics": true, "personalization": true, "marketing": false},
                 "source": "banner", "policyVersion": "2026-01"}""".formatted(BROWSER_VISITOR));
        assertThat(consent.statusCode()).as(consent.body()).isEqualTo(200);
        return json(consent).get("visitorToken").textValue();
    }

    private HttpResponse<String> browser(String path, String body) {
        return server.send(server.anonymousRequest(path).header("Authorization", "Bearer " + PUBLISHABLE_KEY)
                .header("Origin", SHOP_ORIGIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
