package dev.grat.server.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static dev.grat.server.http.RunningServer.PUBLISHABLE_KEY;
import static dev.grat.server.http.RunningServer.SECRET_KEY;
import static dev.grat.server.http.RunningServer.SHOP_ORIGIN;
import static dev.grat.server.http.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

class KeysAndCorsTest {

    private static final String FOREIGN_ORIGIN = "https://evil.example";

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
    void requestWithoutKey_is401WithBearerChallenge() {
        HttpResponse<String> response = server.send(server.anonymousRequest("/v1/navigation").GET().build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(json(response).get("error").textValue()).contains("Authorization: Bearer");
    }

    @Test
    void unknownKey_is401() {
        HttpResponse<String> response = send("/v1/navigation", SECRET_KEY + "x", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("error").textValue()).isEqualTo("unknown API key");
    }

    @Test
    void healthAndLandingPage_needNoKey() {
        assertThat(server.send(server.anonymousRequest("/health").GET().build()).statusCode()).isEqualTo(200);
        HttpResponse<String> page = server.send(server.anonymousRequest("/").GET().build());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("/v1/recommendations");
        assertThat(server.send(server.anonymousRequest("/web/style.css").GET().build()).statusCode()).isEqualTo(200);
        assertThat(server.send(server.anonymousRequest("/web/..%2Fweb%2Findex.html").GET().build()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void publishableKeyFromAllowedOrigin_mayReadDecisions_andTheAnswerNamesTheOrigin() {
        HttpResponse<String> response = send("/v1/navigation?visitorId=v1", PUBLISHABLE_KEY, SHOP_ORIGIN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SHOP_ORIGIN);
        assertThat(response.headers().allValues("Vary")).contains("Origin");
    }

    @Test
    void publishableKeyOnASecretRoute_is403() {
        HttpResponse<String> response = send("/v1/privacy/v1", PUBLISHABLE_KEY, SHOP_ORIGIN);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).get("error").textValue()).contains("GET /v1/privacy/{visitorId}", "secret key");
    }

    @Test
    void publishableKeyFromForeignOrigin_is403_andNoOriginIsReflected() {
        HttpResponse<String> response = send("/v1/navigation", PUBLISHABLE_KEY, FOREIGN_ORIGIN);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void publishableKeyWithoutOrigin_is403() {
        HttpResponse<String> response = send("/v1/navigation", PUBLISHABLE_KEY, null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).get("error").textValue()).contains("no Origin");
    }

    @Test
    void publishableKey_maySendEvents_butNotSetConsentForAVisitorIdItNames() {
        HttpResponse<String> consent = server.send(publishable("/v1/consent/v1")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(WireJson.consent(true, false, false))).build());
        HttpResponse<String> events = server.send(publishable("/v1/events")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(WireJson.batch(List.of(
                        WireJson.productView("p-1", "v1", "shoe-1"))))).build());

        assertThat(consent.statusCode()).isEqualTo(403);
        assertThat(json(consent).get("error").textValue()).contains("needs the secret key");
        assertThat(server.grat.consent("v1").history()).isEmpty();
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(json(events).get("accepted").intValue()).isEqualTo(1);
    }

    @Test
    void preflightFromAllowedOrigin_isAnsweredWithTheCorsHeaders() {
        HttpResponse<String> response = preflight("/v1/events", "POST", SHOP_ORIGIN);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SHOP_ORIGIN);
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValue("POST");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
                headers -> assertThat(headers).contains("Authorization", "Content-Type"));
    }

    @Test
    void preflightFromForeignOrigin_is403WithoutCorsHeaders() {
        HttpResponse<String> response = preflight("/v1/events", "POST", FOREIGN_ORIGIN);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
    }

    @Test
    void preflightForASecretRoute_is403EvenFromAllowedOrigin() {
        HttpResponse<String> response = preflight("/v1/privacy/v1", "DELETE", SHOP_ORIGIN);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
    }

    @Test
    void keysNeverAppearInTheLog() {
        send("/v1/navigation", PUBLISHABLE_KEY, SHOP_ORIGIN);
        send("/v1/navigation", SECRET_KEY, null);
        send("/v1/navigation", "wrong-key-0123456789abcdef", null);

        assertThat(server.log()).contains("/v1/navigation").doesNotContain(SECRET_KEY, PUBLISHABLE_KEY, "wrong-key");
    }

    private HttpRequest.Builder publishable(String path) {
        return server.anonymousRequest(path).header("Authorization", "Bearer " + PUBLISHABLE_KEY)
                .header("Origin", SHOP_ORIGIN);
    }

    private HttpResponse<String> send(String path, String key, String origin) {
        HttpRequest.Builder request = server.anonymousRequest(path).header("Authorization", "Bearer " + key);
        if (origin != null) {
            request.header("Origin", origin);
        }
        return server.send(request.GET().build());
    }

    private HttpResponse<String> preflight(String path, String method, String origin) {
        return server.send(server.anonymousRequest(path)
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build());
    }
}
