package dev.grat.server.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.grat.server.http.RunningServer.PUBLISHABLE_KEY;
import static dev.grat.server.http.RunningServer.SHOP_ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;

class SecurityHeadersApiTest {

    @TempDir
    static Path dataDir;

    private static RunningServer server;

    @BeforeAll
    static void start() {
        server = RunningServer.start(dataDir);
        server.putJson("/v1/consent/v-page", WireJson.consent(true, true, false));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyKindOfAnswer_carriesTheSecurityHeaders_andNoServerBanner() {
        List<HttpResponse<String>> answers = List.of(
                server.get("/health"),
                server.get("/v1/recommendations?visitorId=v-page&slot=home"),
                server.get("/v1/nothing-here"),
                server.send(server.anonymousRequest("/v1/navigation").GET().build()),
                server.putJson("/v1/items", "{not json"),
                server.send(server.anonymousRequest("/").GET().build()),
                server.send(server.anonymousRequest("/grat.js").GET().build()),
                server.send(server.anonymousRequest("/dashboard").GET().build()),
                server.send(server.anonymousRequest("/v1/events").header("Origin", SHOP_ORIGIN)
                        .header("Access-Control-Request-Method", "POST")
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build()));

        for (HttpResponse<String> answer : answers) {
            String what = answer.request().method() + " " + answer.uri().getPath() + " " + answer.statusCode();
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
            assertThat(answer.headers().firstValue("X-Frame-Options")).as(what).hasValue("DENY");
            assertThat(answer.headers().firstValue("Referrer-Policy")).as(what).hasValue("no-referrer");
            assertThat(answer.headers().firstValue("Content-Security-Policy")).as(what)
                    .hasValueSatisfying(policy -> assertThat(policy).contains("default-src 'none'",
                            "frame-ancestors 'none'").doesNotContain("unsafe-inline", "unsafe-eval", "*"));
            assertThat(answer.headers().firstValue("Server")).as(what).isEmpty();
            assertThat(answer.headers().firstValue("X-Powered-By")).as(what).isEmpty();
        }
    }

    @Test
    void jsonAnswers_mayLoadNothing_andAreNotCached() {
        HttpResponse<String> answer = server.get("/v1/consent/v-page");

        assertThat(answer.headers().firstValue("Content-Security-Policy")).hasValue(SecurityHeaders.API_POLICY);
        assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void theDashboardPage_mayRunOnlyItsOwnScripts() {
        HttpResponse<String> page = server.send(server.anonymousRequest("/dashboard").GET().build());

        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
                .contains("script-src 'self'", "connect-src 'self'"));
        assertThat(page.body()).doesNotContain("<script>", "style=\"", "onclick=", "onload=");
    }

    @Test
    void theReadableExport_allowsItsOneInlineStyleByHash_andNothingElse() throws Exception {
        HttpResponse<String> page = server.send(server.request("/v1/privacy/v-page").header("Accept", "text/html")
                .GET().build());

        Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(page.body());
        assertThat(style.find()).isTrue();
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(style.group(1).getBytes(StandardCharsets.UTF_8)));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
                .contains("style-src 'sha256-" + hash + "'").doesNotContain("script-src"));
        assertThat(page.body()).doesNotContain("<script");
    }

    @Test
    void cors_neverReflectsAnOriginThatIsNotConfigured() {
        List<String> foreign = List.of("https://evil.example", "https://shop.example.evil.example",
                "https://evil.example/https://shop.example", "http://shop.example", "https://shop.example:8443",
                "null", "https://shop.example%2F", "https://xshop.example", "*", "https://shop.example, https://evil.example");
        for (String origin : foreign) {
            HttpResponse<String> answer = server.send(server.anonymousRequest("/v1/navigation")
                    .header("Authorization", "Bearer " + PUBLISHABLE_KEY).header("Origin", origin).GET().build());
            HttpResponse<String> preflight = server.send(server.anonymousRequest("/v1/events").header("Origin", origin)
                    .header("Access-Control-Request-Method", "POST")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());

            assertThat(answer.statusCode()).as(origin).isEqualTo(403);
            assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).as(origin).isEmpty();
            assertThat(preflight.statusCode()).as(origin).isEqualTo(403);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).as(origin).isEmpty();
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).as(origin).isEmpty();
        }
        HttpResponse<String> allowed = server.send(server.anonymousRequest("/v1/navigation")
                .header("Authorization", "Bearer " + PUBLISHABLE_KEY).header("Origin", SHOP_ORIGIN).GET().build());
        assertThat(allowed.headers().allValues("Access-Control-Allow-Origin")).containsExactly(SHOP_ORIGIN);
    }
}
