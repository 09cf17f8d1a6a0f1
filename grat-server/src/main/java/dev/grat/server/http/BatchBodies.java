package dev.grat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grat.event.FieldError;

import java.util.List;

/** Bodies of the form {@code {"events": [...]}} and {@code {"items": [...]}}. */
final class BatchBodies {

    private BatchBodies() {
    }

    /**
     * The array under {@code field}: 400 unless the body is an object holding exactly that array, 413 when the
     * array holds more than {@code maxBatchSize} elements.
     */
    static JsonNode array(JsonNode body, String field, int maxBatchSize) {
        if (!body.isObject()) {
            throw HttpError.badRequest("the request body must be a JSON object {\"" + field + "\": [...]}");
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals(field)) {
                throw HttpError.badRequest("unknown field " + name,
                        List.of(new FieldError(name, "unknown field; expected only " + field)));
            }
        });
        JsonNode array = body.get(field);
        if (array == null || !array.isArray()) {
            throw HttpError.badRequest(field + " must be an array",
                    List.of(new FieldError(field, array == null ? "is required: an array" : "must be an array")));
        }
        if (array.size() > maxBatchSize) {
            throw HttpError.tooLarge("a batch of " + array.size() + " " + field + " exceeds the limit of "
                    + maxBatchSize + " per request; send smaller batches");
        }
        return array;
    }
}
