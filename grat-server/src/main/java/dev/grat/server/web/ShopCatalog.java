package dev.grat.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grat.catalog.Item;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The demo shop's own product data, as a shop's backend would serve it to its pages: products by id (to render
 * what Grat recommends: Grat answers with ids and reasons, the shop knows titles and prices) and by category.
 */
final class ShopCatalog {

    static final int MAX_IDS = 100;
    static final int DEFAULT_LIMIT = 48;

    private final Map<String, Item> byId = new LinkedHashMap<>();
    private final ObjectMapper mapper;

    ShopCatalog(List<Item> items, ObjectMapper mapper) {
        items.forEach(item -> byId.put(item.id(), item));
        this.mapper = mapper;
    }

    /** {@code {"products": [...]}} for the ids, in their order; unknown ids are left out. */
    JsonNode byIds(List<String> ids) {
        ObjectNode json = mapper.createObjectNode();
        ArrayNode products = json.putArray("products");
        ids.stream().limit(MAX_IDS).map(byId::get).filter(item -> item != null)
                .forEach(item -> products.add(product(item)));
        return json;
    }

    /** {@code {"products": [...]}}: the category's products (a department or a leaf), available ones first. */
    JsonNode inCategory(String category, int limit) {
        ObjectNode json = mapper.createObjectNode();
        ArrayNode products = json.putArray("products");
        byId.values().stream()
                .filter(item -> item.category().equals(category) || item.category().startsWith(category + "/"))
                .sorted((a, b) -> Boolean.compare(b.available(), a.available()))
                .limit(limit)
                .forEach(item -> products.add(product(item)));
        return json;
    }

    /** {@code {"departments": [{"name", "categories": ["Women/Shoes", ...]}]}} in catalog order. */
    JsonNode departments() {
        Map<String, Set<String>> departments = new LinkedHashMap<>();
        for (Item item : byId.values()) {
            String department = item.categoryLineage().getFirst();
            departments.computeIfAbsent(department, d -> new LinkedHashSet<>()).add(item.category());
        }
        ObjectNode json = mapper.createObjectNode();
        ArrayNode array = json.putArray("departments");
        departments.forEach((name, categories) -> {
            ObjectNode department = array.addObject().put("name", name);
            ArrayNode leafs = department.putArray("categories");
            categories.forEach(leafs::add);
        });
        return json;
    }

    private ObjectNode product(Item item) {
        ObjectNode json = mapper.createObjectNode()
                .put("id", item.id())
                .put("title", item.title())
                .put("category", item.category())
                .put("brand", item.brand())
                .put("price", item.price())
                .put("currency", "EUR")
                .put("available", item.available())
                .put("url", "/product?id=" + item.id());
        ObjectNode attributes = json.putObject("attributes");
        item.attributes().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> attributes.put(entry.getKey(), entry.getValue()));
        return json;
    }
}
