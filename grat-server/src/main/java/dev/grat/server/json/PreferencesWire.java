package dev.grat.server.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grat.InvalidInputException;
import dev.grat.declared.Declaration;
import dev.grat.declared.DeclaredPreferences;
import dev.grat.event.FieldError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire shape of declared preferences:
 * {@code {"likes": {"categories": [...], "brands": [...]}, "dislikes": {"categories": [...]}, "sizes": {"shoes":
 * "39"}}}. Every part is optional (a PUT replaces the whole declaration, so a part left out is declared empty);
 * wrong types and unknown keys are refused naming the field ({@code likes.brands[1]}). The content rules (counts,
 * lengths) are {@link DeclaredPreferences}'s.
 */
public final class PreferencesWire {

    private static final List<String> PARTS = List.of("likes", "dislikes", "sizes");

    private PreferencesWire() {
    }

    /**
     * Reads the declaration from a JSON object whose other allowed fields are {@code alsoAllowed} (e.g.
     * {@code visitorToken}).
     *
     * @throws InvalidInputException naming every field at fault
     */
    public static DeclaredPreferences read(JsonNode body, List<String> alsoAllowed) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("body", "must be a JSON object");
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!PARTS.contains(name) && !alsoAllowed.contains(name)) {
                errors.add(new FieldError(name, "unknown field; expected likes, dislikes, sizes"));
            }
        });
        JsonNode likes = object(body, "likes", List.of("categories", "brands"), errors);
        JsonNode dislikes = object(body, "dislikes", List.of("categories"), errors);
        List<String> likedCategories = texts(likes, "likes.categories", errors);
        List<String> likedBrands = texts(likes, "likes.brands", errors);
        List<String> dislikedCategories = texts(dislikes, "dislikes.categories", errors);
        Map<String, String> sizes = sizes(body.get("sizes"), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new DeclaredPreferences(likedCategories, likedBrands, dislikedCategories, sizes);
    }

    /** {@code {"visitorId", "declaredAt", "source", "likes", "dislikes", "sizes"}}. */
    public static ObjectNode toJson(ObjectMapper mapper, Declaration declaration) {
        ObjectNode json = mapper.createObjectNode();
        json.put("visitorId", declaration.visitorId());
        json.put("declaredAt", declaration.declaredAt().toString());
        json.put("source", declaration.source());
        DeclaredPreferences preferences = declaration.preferences();
        ObjectNode likes = json.putObject("likes");
        preferences.likedCategories().forEach(likes.putArray("categories")::add);
        preferences.likedBrands().forEach(likes.putArray("brands")::add);
        preferences.dislikedCategories().forEach(json.putObject("dislikes").putArray("categories")::add);
        ObjectNode sizes = json.putObject("sizes");
        preferences.sizes().forEach(sizes::put);
        return json;
    }

    private static JsonNode object(JsonNode body, String field, List<String> keys, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            errors.add(new FieldError(field, "must be an object with " + String.join(", ", keys)));
            return null;
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!keys.contains(name)) {
                errors.add(new FieldError(field + "." + name, "unknown field; expected " + String.join(", ", keys)));
            }
        });
        return node;
    }

    private static List<String> texts(JsonNode parent, String path, List<FieldError> errors) {
        JsonNode node = parent == null ? null : parent.get(path.substring(path.indexOf('.') + 1));
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            errors.add(new FieldError(path, "must be an array of texts"));
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (node.get(i).isTextual()) {
                texts.add(node.get(i).asText());
            } else {
                errors.add(new FieldError(path + "[" + i + "]", "must be a text"));
            }
        }
        return texts;
    }

    private static Map<String, String> sizes(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            errors.add(new FieldError("sizes", "must be an object of size names to texts, like {\"shoes\": \"39\"}"));
            return Map.of();
        }
        Map<String, String> sizes = new LinkedHashMap<>();
        node.properties().forEach(entry -> {
            if (entry.getValue().isTextual() || entry.getValue().isNumber()) {
                sizes.put(entry.getKey(), entry.getValue().asText());
            } else {
                errors.add(new FieldError("sizes." + entry.getKey(), "must be a text, like \"39\" or \"M\""));
            }
        });
        return sizes;
    }
}
