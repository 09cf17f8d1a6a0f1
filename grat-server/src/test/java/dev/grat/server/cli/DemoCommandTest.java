package dev.grat.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCommandTest {

    private static final Pattern SECRET_KEY = Pattern.compile(".*secret key\\s+(sk_\\S+).*");

    @TempDir
    Path dataDir;

    @TempDir
    Path logs;

    @Test
    void demo_generatesKeysAndServesTheGeneratedShopWithLearnedAnswers() throws Exception {
        try (ChildServer demo = ChildServer.start(Map.of(), logs.resolve("demo.log"),
                "demo", "--port", "0", "--data", dataDir.toString(), "--visitors", "60")) {
            int port = demo.awaitListening();
            String key = demo.output().stream().map(SECRET_KEY::matcher).filter(Matcher::matches)
                    .map(matcher -> matcher.group(1)).findFirst()
                    .orElseThrow(() -> new AssertionError("no generated secret key in " + demo.output()));

            HttpResponse<String> popular = get(port, "/v1/recommendations?slot=home&n=5", key);
            HttpResponse<String> navigation = get(port, "/v1/navigation", key);
            HttpResponse<String> slots = get(port, "/v1/content/slots", key);

            assertThat(popular.statusCode()).isEqualTo(200);
            JsonNode items = new ObjectMapper().readTree(popular.body()).get("items");
            assertThat(items).hasSize(5);
            items.forEach(item -> assertThat(item.get("reason").textValue()).isNotBlank());
            assertThat(new ObjectMapper().readTree(navigation.body()).get("categories")).isNotEmpty();
            assertThat(new ObjectMapper().readTree(slots.body()).get("slots").size()).isPositive();
            assertThat(demo.output()).anyMatch(line -> line.contains("history:"));
        }
    }

    private static HttpResponse<String> get(int port, String path, String key) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
