package dev.grat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.grat.server.http.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

class ServerFailureTest {

    private static final Pattern ERROR_ID = Pattern.compile("quote error id ([0-9a-f-]{36})");

    @TempDir
    Path dataDir;

    @Test
    void unexpectedFailure_is500WithAnErrorId_thatIsLoggedWithoutPersonalData() {
        try (RunningServer server = RunningServer.start(dataDir)) {
            server.putJson("/v1/consent/visitor-0042", WireJson.consent(true, true, false));
            server.grat.close(); // the store is gone: every read of it now fails inside the engine

            HttpResponse<String> response = server.postJson("/v1/events", WireJson.batch(List.of(
                    WireJson.productView("boom-1", "visitor-0042", "shoe-1"))));

            assertThat(response.statusCode()).isEqualTo(500);
            JsonNode body = json(response);
            assertThat(body.get("fields")).isNull();
            Matcher errorId = ERROR_ID.matcher(body.get("error").textValue());
            assertThat(errorId.find()).as("error id in %s", body).isTrue();
            assertThat(response.body()).doesNotContain("Exception", "sqlite", "at dev.grat");
            assertThat(server.log())
                    .contains("\"errorId\":\"" + errorId.group(1) + "\"", "\"route\":\"/v1/events\"")
                    .doesNotContain("visitor-0042", "boom-1");
        }
    }
}
