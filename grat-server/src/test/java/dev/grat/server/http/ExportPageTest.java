package dev.grat.server.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExportPageTest {

    @TempDir
    Path dataDir;

    @Test
    void exportAsked_asHtml_isAReadablePage_withTheSameDataEscaped() {
        try (RunningServer server = RunningServer.start(dataDir)) {
            server.putJson("/v1/consent/v-html", WireJson.consent(true, true, false));
            server.postJson("/v1/events", WireJson.batch(List.of("""
                    {"id": "e1", "type": "search", "visitorId": "v-html", "channel": "web", "timestamp": "%s",
                     "query": "<script>alert(1)</script> boots"}""".formatted(WireJson.recent()))));

            HttpResponse<String> page = server.send(server.request("/v1/privacy/v-html")
                    .header("Accept", "text/html").GET().build());

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(page.body()).contains("Everything Grat keeps about you", "Events kept with your visitor id",
                    "&lt;script&gt;alert(1)&lt;/script&gt; boots", "personalization").doesNotContain("<script>");
            HttpResponse<String> json = server.get("/v1/privacy/v-html");
            assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        }
    }
}
