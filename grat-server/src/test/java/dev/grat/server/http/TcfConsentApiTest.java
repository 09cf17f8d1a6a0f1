package dev.grat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.iabtcf.encoder.TCStringEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static dev.grat.server.http.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/** TC strings are built with the IAB's own encoder, as a consent management platform would. */
class TcfConsentApiTest {

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

    private static String tcString(Instant lastUpdated, int... purposes) {
        TCStringEncoder.Builder builder = TCStringEncoder.newBuilder().version(2).tcfPolicyVersion(4)
                .created(lastUpdated.truncatedTo(ChronoUnit.DAYS)).lastUpdated(lastUpdated.truncatedTo(ChronoUnit.DAYS))
                .cmpId(7).cmpVersion(1).consentLanguage("EN").vendorListVersion(80).publisherCC("DE");
        for (int purpose : purposes) {
            builder.addPurposesConsent(purpose);
        }
        return builder.encode();
    }

    @Test
    void validTcString_isMappedToGratPurposes_andRecordedInTheLedger() {
        String tc = tcString(Instant.now(), 1, 5, 6, 8);
        HttpResponse<String> response = server.putJson("/v1/consent/v-tcf", "{\"tcString\": \"" + tc + "\", \"source\": \"cmp\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode current = json(response);
        assertThat(current.get("purposes").get("analytics").booleanValue()).isTrue();
        assertThat(current.get("purposes").get("personalization").booleanValue()).isTrue();
        assertThat(current.get("purposes").get("marketing").booleanValue()).isFalse();
        assertThat(json(response).get("history").get(0).get("source").textValue()).isEqualTo("cmp");
        assertThat(json(response).get("history").get(0).get("policyVersion").textValue()).isEqualTo("tcf-policy-4");
    }

    @Test
    void marketingFromTcString_isStillRefusedUnderGlobalPrivacyControl() {
        String tc = tcString(Instant.now(), 1, 3, 4);
        HttpResponse<String> response = server.send(server.request("/v1/consent/v-gpc").header("Sec-GPC", "1")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"tcString\": \"" + tc + "\"}")).build());
        assertThat(json(response).get("purposes").get("marketing").booleanValue()).isFalse();
    }

    @Test
    void brokenOrExpiredTcStrings_are400NamingTcString() {
        HttpResponse<String> broken = server.putJson("/v1/consent/v-1", "{\"tcString\": \"not-a-tc-string\"}");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(json(broken).get("fields").get(0).get("field").textValue()).isEqualTo("tcString");

        String old = tcString(Instant.now().minus(Duration.ofDays(500)), 1, 5, 6);
        HttpResponse<String> expired = server.putJson("/v1/consent/v-1", "{\"tcString\": \"" + old + "\"}");
        assertThat(expired.statusCode()).isEqualTo(400);
        assertThat(expired.body()).contains("tcString", "expired");
        assertThat(json(server.get("/v1/consent/v-1")).get("history")).isEmpty();
    }
}
