package dev.grat.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grat.server.http.RunningServer;
import dev.grat.server.http.WireJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static dev.grat.server.http.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

class EmailTrackingApiTest {

    private static final String SALE = "https://shop.example/sale?utm_campaign=spring";

    @TempDir
    Path dataDir;

    private RunningServer server;

    @BeforeEach
    void start() {
        server = RunningServer.start(dataDir, RunningServer.defaults().dataDir(dataDir).build());
        server.putJson("/v1/consent/nl-yes", WireJson.consent(true, false, true));
        server.putJson("/v1/consent/nl-no", WireJson.consent(true, true, false));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void links_areSignedPathsThatNameNoAddress() {
        JsonNode links = sign("nl-yes");

        assertThat(links.get("open").textValue()).startsWith("/e/open/");
        assertThat(links.at("/links/0/url").textValue()).isEqualTo(SALE);
        assertThat(links.at("/links/0/tracked").textValue()).startsWith("/e/click/").doesNotContain("@");
    }

    @Test
    void openPixel_recordsOneEmailOpen_forARecipientWhoConsentedToMarketing() {
        String open = sign("nl-yes").get("open").textValue();

        HttpResponse<String> first = server.send(server.anonymousRequest(open).GET().build());
        server.send(server.anonymousRequest(open).GET().build());

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).hasValue("image/gif");
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(server.grat.export("nl-yes").events()).singleElement().satisfies(event -> {
            assertThat(event.type().wireName()).isEqualTo("email_open");
            assertThat(event.properties()).containsEntry("campaign", "spring-sale");
        });
    }

    @Test
    void openPixel_recordsNothingAtAll_forARecipientWithoutMarketingConsent() {
        String open = sign("nl-no").get("open").textValue();

        HttpResponse<String> pixel = server.send(server.anonymousRequest(open).GET().build());

        assertThat(pixel.statusCode()).isEqualTo(200);
        assertThat(server.grat.export("nl-no").events()).isEmpty();
        assertThat(server.grat.dashboard().engagement().eventsByChannel()).doesNotContainKey("email");
        assertThat(json(server.get("/v1/dashboard")).at("/privacy/emailEventsNotRecorded").longValue()).isEqualTo(1);
    }

    @Test
    void click_redirectsToTheSignedTarget_andRecordsTheClick() {
        String tracked = sign("nl-yes").at("/links/0/tracked").textValue();

        HttpResponse<String> click = server.send(server.anonymousRequest(tracked).GET().build());

        assertThat(click.statusCode()).isEqualTo(302);
        assertThat(click.headers().firstValue("Location")).hasValue(SALE);
        assertThat(click.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(server.grat.export("nl-yes").events()).singleElement()
                .satisfies(event -> assertThat(event.properties()).containsEntry("link", SALE));
    }

    @Test
    void click_withGlobalPrivacyControl_redirectsButRecordsNothing() {
        String tracked = sign("nl-yes").at("/links/0/tracked").textValue();

        HttpResponse<String> click = server.send(server.anonymousRequest(tracked).header("Sec-GPC", "1").GET().build());

        assertThat(click.statusCode()).isEqualTo(302);
        assertThat(server.grat.export("nl-yes").events()).isEmpty();
    }

    @Test
    void tamperedClick_is404_andRedirectsNowhere() {
        String tracked = sign("nl-yes").at("/links/0/tracked").textValue();
        String tampered = tracked.substring(0, tracked.length() - 3) + "xyz";

        HttpResponse<String> click = server.send(server.anonymousRequest(tampered).GET().build());

        assertThat(click.statusCode()).isEqualTo(404);
        assertThat(click.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void signing_needsTheSecretKey_andRefusesAddressesAndForeignSchemes() {
        HttpResponse<String> publishable = new Browser(server).post("/v1/email/links", body("nl-yes", SALE));
        HttpResponse<String> address = server.postJson("/v1/email/links", body("anna@example.com", SALE));
        HttpResponse<String> script = server.postJson("/v1/email/links", body("nl-yes", "javascript:alert(1)"));

        assertThat(publishable.statusCode()).isEqualTo(403);
        assertThat(json(address).at("/fields/0/field").textValue()).isEqualTo("visitorId");
        assertThat(json(script).at("/fields/0/field").textValue()).isEqualTo("links[0]");
    }

    private JsonNode sign(String visitorId) {
        HttpResponse<String> response = server.postJson("/v1/email/links", body(visitorId, SALE));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static String body(String visitorId, String link) {
        return """
                {"visitorId": "%s", "campaign": "spring-sale", "links": ["%s"]}""".formatted(visitorId, link);
    }
}
