package dev.grat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static dev.grat.server.http.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

class CustomerErasureApiTest {

    @TempDir
    Path dataDir;

    @Test
    void deletingACustomer_erasesEveryLinkedVisitorId_withAReceiptEach() {
        try (RunningServer server = RunningServer.start(dataDir)) {
            for (String device : List.of("phone-1", "laptop-1")) {
                server.putJson("/v1/consent/" + device, WireJson.consent(true, true, false));
            }
            server.postJson("/v1/events", WireJson.batch(List.of("""
                    {"id": "e1", "type": "page_view", "visitorId": "phone-1", "customerId": "cust-9", "channel": "app",
                     "timestamp": "%s"}""".formatted(WireJson.recent()), """
                    {"id": "e2", "type": "page_view", "visitorId": "laptop-1", "customerId": "cust-9", "channel": "web",
                     "timestamp": "%s"}""".formatted(WireJson.recent()))));

            HttpResponse<String> response = server.delete("/v1/privacy/customers/cust-9");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode answer = json(response);
            assertThat(answer.get("customerId").textValue()).isEqualTo("cust-9");
            assertThat(answer.get("receipts").findValuesAsText("visitorId")).containsExactlyInAnyOrder("phone-1", "laptop-1");
            assertThat(json(server.get("/v1/privacy/phone-1")).get("events")).isEmpty();
            // An e-mail address is a customer id now (it is pseudonymised); an id with a space is not.
            assertThat(server.delete("/v1/privacy/customers/bad%20id").statusCode()).isEqualTo(400);
        }
    }
}
