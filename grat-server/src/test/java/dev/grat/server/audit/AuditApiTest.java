package dev.grat.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grat.server.http.RunningServer;
import dev.grat.server.http.WireJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static dev.grat.server.http.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Every access to personal data through the privacy and admin routes leaves one audit entry that names nobody. */
class AuditApiTest {

    private static final String VISITOR = "v-audit-3c1f";
    private static final String OTHER = "v-audit-other-77d0";
    private static final String CUSTOMER = "cust-audit-9e2b";
    private static final String EMAIL = "alice.audit@example.com";

    @TempDir
    Path dataDir;

    private RunningServer server;

    @BeforeEach
    void start() {
        server = RunningServer.start(dataDir, RunningServer.defaults().dataDir(dataDir).build());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void eachPrivacyRoute_leavesExactlyOneEntry_withItsActionStatusAndCredential() {
        String token = json(browser("/v1/me/consent", firstConsent(VISITOR))).get("visitorToken").textValue();
        browser("/v1/me/consent", firstConsent(OTHER));
        server.postJson("/v1/events", WireJson.batch(List.of("""
                {"id": "e1", "type": "page_view", "visitorId": "%s", "customerId": "%s", "channel": "web",
                 "timestamp": "%s"}""".formatted(OTHER, CUSTOMER, WireJson.recent()))));

        expectOneEntry("consent.read", 200, "visitor", () -> server.get("/v1/consent/" + VISITOR));
        expectOneEntry("privacy.export", 200, "visitor", () -> server.get("/v1/privacy/" + VISITOR));
        expectOneEntry("me.export", 200, "visitor", () -> browser("/v1/me/export", tokenBody(token)));
        expectOneEntry("me.consent", 400, "visitor", () -> browser("/v1/me/consent", firstConsent(EMAIL)));
        expectOneEntry("privacy.erase-customer", 200, "customer",
                () -> server.delete("/v1/privacy/customers/" + CUSTOMER));
        expectOneEntry("privacy.erase", 200, "visitor", () -> server.delete("/v1/privacy/" + OTHER));
        expectOneEntry("me.erase", 200, "visitor", () -> browser("/v1/me/erase", tokenBody(token)));
        expectOneEntry("privacy.retention-run", 200, null,
                () -> server.postJson("/v1/privacy/retention/run", "{}"));
        expectOneEntry("audit.read", 200, null, () -> server.get("/v1/audit"));

        List<JsonNode> entries = fileEntries();
        assertThat(entries).extracting(e -> e.get("credential").textValue())
                .containsOnly("secret-key", "publishable-key");
        assertThat(entries).filteredOn(e -> e.get("action").textValue().startsWith("me."))
                .allMatch(e -> e.get("visitorToken").booleanValue() && "publishable-key".equals(
                        e.get("credential").textValue()));
        assertThat(entries).extracting(e -> e.get("keyFingerprint").textValue()).allMatch(f -> f.length() == 12);
    }

    @Test
    void theAuditFiles_holdNoVisitorIdCustomerIdEmailOrKey() {
        String token = json(browser("/v1/me/consent", firstConsent(VISITOR))).get("visitorToken").textValue();
        browser("/v1/me/consent", firstConsent(OTHER));
        server.postJson("/v1/events", WireJson.batch(List.of("""
                {"id": "e1", "type": "page_view", "visitorId": "%s", "customerId": "%s", "channel": "web",
                 "timestamp": "%s"}""".formatted(OTHER, CUSTOMER, WireJson.recent()))));
        server.get("/v1/privacy/" + VISITOR);
        server.get("/v1/privacy/" + EMAIL);
        browser("/v1/me/consent", firstConsent(EMAIL));
        browser("/v1/me/export", tokenBody(token));
        server.delete("/v1/privacy/customers/" + CUSTOMER);
        server.delete("/v1/privacy/" + OTHER);

        String bytes = auditBytes();

        assertThat(fileEntries()).hasSize(8);
        for (String secret : List.of(VISITOR, OTHER, CUSTOMER, EMAIL, "alice.audit", token,
                RunningServer.SECRET_KEY, RunningServer.PUBLISHABLE_KEY)) {
            assertThat(bytes).doesNotContain(secret);
        }
    }

    @Test
    void anAuditorWithTheKey_findsTheAccessesToOneSubjectByItsPseudonym() {
        server.get("/v1/privacy/" + VISITOR);
        server.get("/v1/privacy/" + OTHER);
        server.get("/v1/consent/" + VISITOR);

        String pseudonym = SubjectPseudonyms.inDirectory(dataDir.resolve(AuditLog.DIRECTORY)).of("visitor", VISITOR);
        JsonNode listed = json(server.get("/v1/audit?since=" + Instant.now().minusSeconds(600) + "&limit=10"));

        assertThat(listed.get("entries").findValuesAsText("subject")).filteredOn(pseudonym::equals).hasSize(2);
        assertThat(listed.get("entries").findValuesAsText("action"))
                .containsExactly("privacy.export", "privacy.export", "consent.read");
        assertThat(listed.get("more").booleanValue()).isFalse();
    }

    @Test
    void listingTheAuditLog_pagesWithLimit_andRefusesBadParametersByName() {
        for (int i = 0; i < 3; i++) {
            server.get("/v1/privacy/" + VISITOR);
        }

        JsonNode page = json(server.get("/v1/audit?limit=2"));
        HttpResponse<String> badLimit = server.get("/v1/audit?limit=0");
        HttpResponse<String> badSince = server.get("/v1/audit?since=yesterday");
        HttpResponse<String> publishable = server.send(server.anonymousRequest("/v1/audit")
                .header("Authorization", "Bearer " + RunningServer.PUBLISHABLE_KEY)
                .header("Origin", RunningServer.SHOP_ORIGIN).GET().build());

        assertThat(page.get("entries")).hasSize(2);
        assertThat(page.get("more").booleanValue()).isTrue();
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(json(badLimit).get("fields").findValuesAsText("field")).containsExactly("limit");
        assertThat(badSince.statusCode()).isEqualTo(400);
        assertThat(json(badSince).get("fields").findValuesAsText("field")).containsExactly("since");
        assertThat(publishable.statusCode()).isEqualTo(403);
    }

    @Test
    void retentionRun_returnsTheReportWithCutoffsPerCategory() {
        JsonNode report = json(server.postJson("/v1/privacy/retention/run", "{}"));

        assertThat(report.get("removed").asLong()).isZero();
        assertThat(report.get("categories").findValuesAsText("name"))
                .contains("events.product_view", "events.purchase", "anonymous tallies", "decision log", "audit log");
        assertThat(report.get("categories").get(0).get("cutoff").textValue()).isNotBlank();
    }

    private void expectOneEntry(String action, int status, String subjectKind, Supplier<HttpResponse<String>> call) {
        int before = fileEntries().size();

        HttpResponse<String> response = call.get();

        assertThat(response.statusCode()).as(action + ": " + response.body()).isEqualTo(status);
        List<JsonNode> after = fileEntries();
        assertThat(after).as(action).hasSize(before + 1);
        JsonNode entry = after.getLast();
        assertThat(entry.get("action").textValue()).isEqualTo(action);
        assertThat(entry.get("status").intValue()).isEqualTo(status);
        if (subjectKind == null) {
            assertThat(entry.get("subject").isNull()).as(action).isTrue();
        } else {
            assertThat(entry.get("subjectKind").textValue()).isEqualTo(subjectKind);
            assertThat(entry.get("subject").textValue()).hasSize(64);
        }
    }

    private HttpResponse<String> browser(String path, String json) {
        return server.send(server.anonymousRequest(path)
                .header("Authorization", "Bearer " + RunningServer.PUBLISHABLE_KEY)
                .header("Origin", RunningServer.SHOP_ORIGIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static String firstConsent(String visitorId) {
        return """
                {"visitorId": "%s", "purposes": {"analytics": true, "personalization": true, "marketing": false},
                 "source": "banner", "policyVersion": "2026-01"}""".formatted(visitorId);
    }

    private static String tokenBody(String token) {
        return "{\"visitorToken\": \"" + token + "\"}";
    }

    private List<Path> auditFiles() {
        Path dir = dataDir.resolve(AuditLog.DIRECTORY);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<JsonNode> fileEntries() {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> entries = new ArrayList<>();
        try {
            for (Path file : auditFiles()) {
                for (String line : Files.readAllLines(file)) {
                    entries.add(mapper.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** Every byte of every file of the audit directory (the key file is random bytes and names nobody). */
    private String auditBytes() {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dataDir.resolve(AuditLog.DIRECTORY))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toString();
    }
}
