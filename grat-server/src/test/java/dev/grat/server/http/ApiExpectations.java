package dev.grat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every answer to hostile input must be: a 2xx or a 4xx with a JSON error body, never a 5xx, never a request
 * that failed with an unexpected exception (logged as {@code request_failed}), and a 400 for a JSON object names
 * the field at fault.
 */
final class ApiExpectations {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ApiExpectations() {
    }

    static void sendAndCheck(InProcessApi api, ApiInputs.Call call) {
        Optional<InProcessApi.Answer> sent = api.trySend(call.method(), call.target(), call.headers(), call.body());
        sent.ifPresent(answer -> check(api, call, answer));
    }

    static void check(InProcessApi api, ApiInputs.Call call, InProcessApi.Answer answer) {
        String what = call.describe() + "\n -> " + answer.status() + " " + answer.text();
        assertThat(answer.status()).as(what).isBetween(200, 499);
        assertThat(api.log()).as(what).doesNotContain("request_failed");
        if (answer.status() >= 400) {
            JsonNode error = answer.json();
            assertThat(error.path("error").isTextual()).as(what).isTrue();
            if (answer.status() == 400 && isJsonObject(call.body())) {
                assertThat(error.path("fields").isArray() && !error.path("fields").isEmpty())
                        .as("a 400 for a JSON object names the field: " + what).isTrue();
                // A field may be named "" when the input has a key "" (then the path is that empty name).
                error.path("fields").forEach(field -> assertThat(field.path("field").isTextual()).as(what).isTrue());
            }
        }
    }

    private static boolean isJsonObject(byte[] body) {
        try {
            return body.length > 0 && MAPPER.readTree(body) instanceof com.fasterxml.jackson.databind.node.ObjectNode;
        } catch (IOException e) {
            return false;
        }
    }
}
