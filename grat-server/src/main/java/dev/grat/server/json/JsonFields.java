package dev.grat.server.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grat.event.FieldError;
import dev.grat.event.Timestamps;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the fields of one JSON object, checking JSON types only, and collects an error per field that has
 * the wrong type. Absent fields and JSON nulls read as null: whether a field is required is the engine's rule.
 */
final class JsonFields {

    static final String TIMESTAMP_EXPECTED = "must be an ISO-8601 timestamp with a zone, such as 2026-03-01T12:00:00Z";

    private final JsonNode object;
    private final String path;
    private final List<FieldError> errors;

    private JsonFields(JsonNode object, String path, List<FieldError> errors) {
        this.object = object;
        this.path = path;
        this.errors = errors;
    }

    /**
     * A reader of {@code node}, or empty (with an error recorded) when it is not an object. Fields not in
     * {@code known} are errors, so that a misspelt field is reported instead of silently dropped.
     *
     * @param path the path of the object, prefixed to its fields' names (empty for a top-level object)
     * @param self the name of the object itself in an error about its own type
     */
    static Optional<JsonFields> of(JsonNode node, String path, String self, List<String> known,
                                   List<FieldError> errors) {
        if (node == null || !node.isObject()) {
            errors.add(new FieldError(self, "must be a JSON object, was " + describe(node)));
            return Optional.empty();
        }
        JsonFields fields = new JsonFields(node, path, errors);
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                errors.add(new FieldError(fields.path(name), "unknown field; expected one of: " + String.join(", ", known)));
            }
        });
        return Optional.of(fields);
    }

    /** The full path of a field of this object, e.g. {@code items[2].price}. */
    String path(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** The field, or null when absent or JSON null. */
    JsonNode node(String name) {
        JsonNode value = object.get(name);
        return value == null || value.isNull() ? null : value;
    }

    String text(String name) {
        JsonNode value = node(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            return fail(name, "must be a string, was " + describe(value));
        }
        return value.textValue();
    }

    Boolean bool(String name) {
        JsonNode value = node(name);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            return fail(name, "must be true or false, was " + describe(value));
        }
        return value.booleanValue();
    }

    BigDecimal decimal(String name) {
        JsonNode value = node(name);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            return fail(name, "must be a number, was " + describe(value));
        }
        return value.decimalValue();
    }

    Integer integer(String name) {
        JsonNode value = node(name);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            return fail(name, "must be a whole number, was " + describe(value));
        }
        return value.intValue();
    }

    Instant instant(String name) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        try {
            return Timestamps.parse(text); // Instant.parse, without its parse context for the usual form
        } catch (DateTimeParseException e) {
            return fail(name, TIMESTAMP_EXPECTED + ", was \"" + abbreviate(text) + "\"");
        }
    }

    /** A value of a fixed vocabulary such as a channel: the message lists every allowed name. */
    <E> E oneOf(String name, Function<String, Optional<E>> fromWire, String wireNames) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        Optional<E> value = fromWire.apply(text);
        if (value.isEmpty()) {
            return fail(name, "must be one of: " + wireNames + ", was \"" + abbreviate(text) + "\"");
        }
        return value.get();
    }

    /** An object whose values are all strings, such as free attributes. */
    Map<String, String> stringMap(String name) {
        JsonNode value = node(name);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            return fail(name, "must be a JSON object of strings, was " + describe(value));
        }
        Map<String, String> map = new LinkedHashMap<>();
        value.properties().forEach(entry -> {
            if (entry.getValue().isTextual()) {
                map.put(entry.getKey(), entry.getValue().textValue());
            } else {
                errors.add(new FieldError(path(name) + "." + entry.getKey(),
                        "must be a string, was " + describe(entry.getValue())));
            }
        });
        return map;
    }

    /** The field as an array, or null (with an error when it is present but not an array). */
    JsonNode array(String name) {
        JsonNode value = node(name);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            return fail(name, "must be an array, was " + describe(value));
        }
        return value;
    }

    /** Records an error on a field of this object. */
    void error(String name, String message) {
        errors.add(new FieldError(path(name), message));
    }

    private <T> T fail(String name, String message) {
        errors.add(new FieldError(path(name), message));
        return null;
    }

    /** The JSON type of a node, for messages: never its content, which may be personal data. */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "missing";
        }
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case NULL -> "null";
            case BINARY, MISSING -> "missing";
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
