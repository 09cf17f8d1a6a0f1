package dev.grat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.grat.server.http.RunningServer.json;
import static dev.grat.server.http.WireJson.batch;
import static dev.grat.server.http.WireJson.productView;
import static org.assertj.core.api.Assertions.assertThat;

class PrivacyByDefaultTest {

    private static final String VISITOR = "anon-visitor-7f3a9c1e";
    private static final String CUSTOMER = "customer-5b21d0aa";

    @TempDir
    Path dataDir;

    @Test
    void eventsOfAVisitorWithoutConsent_areCounted_butNoFileHoldsTheirIds() throws IOException {
        try (RunningServer server = RunningServer.start(dataDir)) {
            server.putJson("/v1/items", WireJson.catalog());
            server.putJson("/v1/consent/someone-else", WireJson.consent(true, true, false));
            server.postJson("/v1/events", batch(List.of(productView("other-1", "someone-else", "shoe-1"))));
            List<String> views = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                views.add("""
                        {"id": "anon-%d", "type": "product_view", "visitorId": "%s", "customerId": "%s",
                         "channel": "web", "timestamp": "%s", "itemId": "jacket-2", "query": "secret-search-term"}"""
                        .formatted(i, VISITOR, CUSTOMER, WireJson.recent()));
            }

            JsonNode result = json(server.postJson("/v1/events", batch(views)));

            assertThat(result.get("accepted").intValue()).isEqualTo(5);
            assertThat(result.get("anonymous").intValue()).isEqualTo(5);
            assertThat(result.get("personal").intValue()).isZero();
            JsonNode popular = json(server.get("/v1/recommendations?slot=home&n=2"));
            assertThat(popular.get("items").get(0).get("id").textValue()).isEqualTo("jacket-2");
            assertThat(json(server.get("/v1/privacy/" + VISITOR)).get("events")).isEmpty();
            assertThat(json(server.get("/v1/privacy/someone-else")).get("events")).hasSize(1);
            assertThat(filesContaining(dataDir, VISITOR)).isEmpty();
            assertThat(filesContaining(dataDir, CUSTOMER)).isEmpty();
            assertThat(filesContaining(dataDir, "secret-search-term")).isEmpty();
            assertThat(server.log()).doesNotContain(VISITOR, "someone-else");
        }
        assertThat(filesContaining(dataDir, VISITOR)).isEmpty();
        assertThat(filesContaining(dataDir, CUSTOMER)).isEmpty();
        // Personal records are sealed (crypto-shredding), so the consenting visitor is not in clear either; the
        // catalog is, which shows that the scan reads the store's files.
        assertThat(filesContaining(dataDir, "jacket-2")).isNotEmpty();
    }

    /** The files under {@code dir} whose bytes contain {@code text}. */
    private static List<Path> filesContaining(Path dir, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
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
