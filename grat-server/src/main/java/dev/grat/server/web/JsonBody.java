package dev.grat.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grat.InvalidInputException;
import dev.grat.event.FieldError;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the small request bodies of the browser routes: a JSON object whose fields are all known, each read
 * with its type checked. Problems are collected and thrown together as an {@link InvalidInputException}
 * naming every field, like the rest of the API.
 */
final class JsonBody {

    private final ObjectNode object;
    private final List<FieldError> errors = new ArrayList<>();

    private JsonBody(ObjectNode object) {
        this.object = object;
    }

    /** The body as an object whose field names are all in {@code known}. */
    static JsonBody of(JsonNode node, List<String> known) {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException("body", "must be a JSON object");
        }
        JsonBody body = new JsonBody((ObjectNode) node);
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                body.errors.add(new FieldError(name, "unknown field; expected one of: " + String.join(", ", known)));
            }
        });
        return body;
    }

    /** A string field; null when absent (and an error when required). */
    String text(String field, boolean required) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        if (!value.isTextual()) {
            String type = value.getNodeType().name().toLowerCase(Locale.ROOT);
            errors.add(new FieldError(field, "must be a string, was " + type));
            return null;
        }
        return value.textValue();
    }

    /** A required, non-empty array of strings. */
    List<String> texts(String field, int max) {
        JsonNode value = object.get(field);
        if (value == null || !value.isArray() || value.isEmpty()) {
            errors.add(new FieldError(field, "is required: a non-empty array of strings"));
            return List.of();
        }
        if (value.size() > max) {
            errors.add(new FieldError(field, "must hold at most " + max + " entries, has " + value.size()));
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (value.get(i).isTextual()) {
                texts.add(value.get(i).textValue());
            } else {
                errors.add(new FieldError(field + "[" + i + "]", "must be a string"));
            }
        }
        return texts;
    }

    /** A copy of the object without the named fields, for passing the rest on to the wire format. */
    ObjectNode without(String... fields) {
        ObjectNode copy = object.deepCopy();
        copy.remove(List.of(fields));
        return copy;
    }

    void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    /** Throws the collected problems, if any. */
    void check() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
