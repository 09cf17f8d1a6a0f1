package dev.grat.store.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grat.consent.Purpose;
import dev.grat.decide.Comparison;
import dev.grat.decide.Condition;
import dev.grat.decide.ContentVariant;
import dev.grat.decide.ProfileField;
import dev.grat.event.LineItem;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The JSON text of structured columns. Mapped by hand, field by field, so that the stored format is fixed here
 * and not by class shapes; money is a string so that {@link BigDecimal} comes back with its exact scale.
 * Empty lists and maps are stored as SQL NULL.
 */
final class JsonColumns {

    private final ObjectMapper mapper = new ObjectMapper();

    String lineItems(List<LineItem> items) {
        if (items.isEmpty()) {
            return null;
        }
        ArrayNode array = mapper.createArrayNode();
        for (LineItem item : items) {
            ObjectNode node = array.addObject().put("itemId", item.itemId()).put("quantity", item.quantity());
            if (item.price() != null) {
                node.put("price", item.price().toString());
            }
        }
        return write(array);
    }

    List<LineItem> lineItems(String json, String column) {
        return list(json, column, node -> new LineItem(text(node, "itemId"), node.path("quantity").asInt(),
                money(node.get("price"))));
    }

    String stringMap(Map<String, String> map) {
        if (map.isEmpty()) {
            return null;
        }
        ObjectNode node = mapper.createObjectNode();
        map.forEach(node::put);
        return write(node);
    }

    Map<String, String> stringMap(String json, String column) {
        if (json == null) {
            return Map.of();
        }
        Map<String, String> map = new HashMap<>();
        parse(json, column).properties().forEach(entry -> map.put(entry.getKey(), entry.getValue().asText()));
        return map;
    }

    String purposes(Set<Purpose> purposes) {
        ArrayNode array = mapper.createArrayNode();
        EnumSet.copyOf(purposes).forEach(purpose -> array.add(purpose.wireName()));
        return write(array);
    }

    Set<Purpose> purposes(String json, String column) {
        Set<Purpose> purposes = EnumSet.noneOf(Purpose.class);
        for (JsonNode node : parse(json, column)) {
            purposes.add(Purpose.fromWire(node.asText()).orElseThrow(() -> corrupt(column, node.asText())));
        }
        return purposes;
    }

    String variants(List<ContentVariant> variants) {
        ArrayNode array = mapper.createArrayNode();
        for (ContentVariant variant : variants) {
            ObjectNode node = array.addObject().put("id", variant.id()).put("text", variant.text());
            ArrayNode conditions = node.putArray("conditions");
            for (Condition condition : variant.conditions()) {
                conditions.addObject()
                        .put("field", condition.field().wireName())
                        .put("comparison", condition.comparison().wireName())
                        .put("value", condition.value());
            }
        }
        return write(array);
    }

    List<ContentVariant> variants(String json, String column) {
        return list(json, column, node -> new ContentVariant(text(node, "id"), text(node, "text"),
                list(node.path("conditions"), column, condition -> condition(condition, column))));
    }

    private Condition condition(JsonNode node, String column) {
        String field = text(node, "field");
        String comparison = text(node, "comparison");
        return new Condition(
                ProfileField.fromWire(field).orElseThrow(() -> corrupt(column, field)),
                Comparison.fromWire(comparison).orElseThrow(() -> corrupt(column, comparison)),
                text(node, "value"));
    }

    private <T> List<T> list(String json, String column, Function<JsonNode, T> element) {
        return json == null ? List.of() : list(parse(json, column), column, element);
    }

    private static <T> List<T> list(JsonNode array, String column, Function<JsonNode, T> element) {
        if (array.isMissingNode()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw corrupt(column, array.toString());
        }
        List<T> list = new ArrayList<>(array.size());
        array.forEach(node -> list.add(element.apply(node)));
        return list;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static BigDecimal money(JsonNode node) {
        return node == null || node.isNull() ? null : new BigDecimal(node.asText());
    }

    private String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new SqliteStoreException("could not write JSON: " + e.getOriginalMessage(), e);
        }
    }

    private JsonNode parse(String json, String column) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SqliteStoreException("column " + column + " holds invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static SqliteStoreException corrupt(String column, String value) {
        return new SqliteStoreException("column " + column + " holds an unknown value: " + value);
    }
}
