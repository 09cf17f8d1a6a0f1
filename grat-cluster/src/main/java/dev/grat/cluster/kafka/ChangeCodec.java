package dev.grat.cluster.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grat.catalog.Item;
import dev.grat.consent.ConsentState;
import dev.grat.consent.Purpose;
import dev.grat.event.Channel;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.event.LineItem;
import dev.grat.event.Timestamps;
import dev.grat.store.AnonymousTally;
import dev.grat.store.IdentityLink;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link Change}s as JSON, written field by field (no data binding), with a version field so that a node can tell a
 * change written by a newer Grat from a broken one.
 */
final class ChangeCodec {

    private static final int VERSION = 1;

    private final ObjectMapper json = new ObjectMapper();

    byte[] encode(Change change) {
        ObjectNode root = json.createObjectNode().put("v", VERSION);
        switch (change) {
            case Change.Events e -> {
                root.put("kind", "events").put("visitorId", e.visitorId());
                root.set("personal", events(e.personal()));
                root.set("anonymous", events(e.anonymous()));
            }
            case Change.Consent c -> root.put("kind", "consent").set("state", consent(c.state()));
            case Change.Erasure e -> {
                root.put("kind", "erasure").put("erasureId", e.erasureId()).put("visitorId", e.visitorId());
                root.set("events", events(e.events()));
            }
            case Change.Items i -> {
                ArrayNode items = root.put("kind", "items").putArray("items");
                i.items().forEach(item -> items.add(item(item)));
            }
            case Change.ExpiredEvents e -> {
                root.put("kind", "expiredEvents").put("visitorId", e.visitorId());
                root.set("events", events(e.events()));
            }
            case Change.ExpiredTallies t -> {
                ArrayNode tallies = root.put("kind", "expiredTallies").put("changeId", t.changeId())
                        .putArray("tallies");
                t.tallies().forEach(tally -> tallies.addObject().put("type", tally.type().wireName())
                        .put("itemId", tally.itemId()).put("categoryId", tally.categoryId())
                        .put("hour", tally.hour().toString()).put("count", tally.count()));
            }
            case Change.DeclarationChanged d -> root.put("kind", "declarationChanged").put("visitorId", d.visitorId());
            case Change.ExpiredLinks l -> {
                ArrayNode links = root.put("kind", "expiredLinks").put("changeId", l.changeId()).putArray("links");
                l.links().forEach(link -> links.addObject().put("customerId", link.customerId())
                        .put("visitorId", link.visitorId()).put("linkedAt", link.linkedAt().toString()));
            }
        }
        try {
            return json.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("could not encode a change", e);
        }
    }

    /** The changes of one store write, as one outbox row. */
    byte[] encodeAll(List<Change> changes) {
        ArrayNode array = json.createArrayNode();
        for (Change change : changes) {
            array.add(tree(encode(change)));
        }
        try {
            return json.writeValueAsBytes(array);
        } catch (IOException e) {
            throw new IllegalStateException("could not encode changes", e);
        }
    }

    List<Change> decodeAll(byte[] bytes) {
        List<Change> changes = new ArrayList<>();
        tree(bytes).forEach(node -> changes.add(decode(node)));
        return changes;
    }

    Change decode(byte[] bytes) {
        return decode(tree(bytes));
    }

    private JsonNode tree(byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a change: " + e.getMessage(), e);
        }
    }

    private static Change decode(JsonNode root) {
        if (root.path("v").asInt() != VERSION) {
            throw new IllegalArgumentException("change of unknown version " + root.path("v"));
        }
        return switch (root.path("kind").asText()) {
            case "events" -> new Change.Events(text(root, "visitorId"), events(root.path("personal")),
                    events(root.path("anonymous")));
            case "consent" -> new Change.Consent(consent(root.path("state")));
            case "erasure" -> new Change.Erasure(text(root, "erasureId"), text(root, "visitorId"),
                    events(root.path("events")));
            case "items" -> {
                List<Item> items = new ArrayList<>();
                root.path("items").forEach(node -> items.add(item(node)));
                yield new Change.Items(items);
            }
            case "expiredEvents" -> new Change.ExpiredEvents(text(root, "visitorId"), events(root.path("events")));
            case "expiredTallies" -> new Change.ExpiredTallies(text(root, "changeId"), tallies(root.path("tallies")));
            case "declarationChanged" -> new Change.DeclarationChanged(text(root, "visitorId"));
            case "expiredLinks" -> new Change.ExpiredLinks(text(root, "changeId"), links(root.path("links")));
            default -> throw new IllegalArgumentException("change of unknown kind " + root.path("kind"));
        };
    }

    private ArrayNode events(List<Event> events) {
        ArrayNode array = json.createArrayNode();
        for (Event e : events) {
            ObjectNode node = array.addObject().put("id", e.id()).put("type", e.type().wireName())
                    .put("visitorId", e.visitorId()).put("customerId", e.customerId())
                    .put("channel", e.channel() == null ? null : e.channel().wireName())
                    .put("timestamp", e.timestamp().toString()).put("itemId", e.itemId())
                    .put("categoryId", e.categoryId()).put("query", e.query()).put("currency", e.currency())
                    .put("decisionId", e.decisionId());
            ArrayNode lines = node.putArray("items");
            e.items().forEach(line -> lines.addObject().put("itemId", line.itemId()).put("quantity", line.quantity())
                    .put("price", line.price() == null ? null : line.price().toPlainString()));
            ObjectNode properties = node.putObject("properties");
            e.properties().forEach(properties::put);
        }
        return array;
    }

    private static List<Event> events(JsonNode array) {
        List<Event> events = new ArrayList<>();
        for (JsonNode node : array) {
            List<LineItem> lines = new ArrayList<>();
            node.path("items").forEach(line -> lines.add(new LineItem(text(line, "itemId"),
                    line.path("quantity").asInt(), decimal(line, "price"))));
            Map<String, String> properties = new LinkedHashMap<>();
            node.path("properties").properties().forEach(p -> properties.put(p.getKey(), p.getValue().asText()));
            String channel = text(node, "channel");
            events.add(new Event(text(node, "id"), EventType.fromWire(text(node, "type")).orElseThrow(),
                    text(node, "visitorId"), text(node, "customerId"),
                    channel == null ? null : Channel.fromWire(channel).orElseThrow(),
                    Timestamps.parse(text(node, "timestamp")), text(node, "itemId"), text(node, "categoryId"),
                    text(node, "query"), lines, text(node, "currency"), text(node, "decisionId"), properties));
        }
        return events;
    }

    private static List<AnonymousTally> tallies(JsonNode array) {
        List<AnonymousTally> tallies = new ArrayList<>();
        for (JsonNode node : array) {
            tallies.add(new AnonymousTally(EventType.fromWire(text(node, "type")).orElseThrow(), text(node, "itemId"),
                    text(node, "categoryId"), Instant.parse(text(node, "hour")), node.path("count").asLong()));
        }
        return tallies;
    }

    private static List<IdentityLink> links(JsonNode array) {
        List<IdentityLink> links = new ArrayList<>();
        for (JsonNode node : array) {
            links.add(new IdentityLink(text(node, "customerId"), text(node, "visitorId"),
                    Instant.parse(text(node, "linkedAt"))));
        }
        return links;
    }

    private ObjectNode consent(ConsentState state) {
        ObjectNode node = json.createObjectNode().put("visitorId", state.visitorId())
                .put("since", state.since() == null ? null : state.since().toString())
                .put("policyVersion", state.policyVersion()).put("objected", state.objected())
                .put("restricted", state.restricted());
        ArrayNode granted = node.putArray("granted");
        state.granted().forEach(p -> granted.add(p.wireName()));
        return node;
    }

    private static ConsentState consent(JsonNode node) {
        Set<Purpose> granted = EnumSet.noneOf(Purpose.class);
        node.path("granted").forEach(p -> granted.add(Purpose.fromWire(p.asText()).orElseThrow()));
        String since = text(node, "since");
        return new ConsentState(text(node, "visitorId"), granted, since == null ? null : Instant.parse(since),
                text(node, "policyVersion"), node.path("objected").asBoolean(), node.path("restricted").asBoolean());
    }

    private ObjectNode item(Item item) {
        ObjectNode node = json.createObjectNode().put("id", item.id()).put("title", item.title())
                .put("category", item.category()).put("brand", item.brand())
                .put("price", item.price() == null ? null : item.price().toPlainString())
                .put("available", item.available());
        ObjectNode attributes = node.putObject("attributes");
        item.attributes().forEach(attributes::put);
        return node;
    }

    private static Item item(JsonNode node) {
        Map<String, String> attributes = new LinkedHashMap<>();
        node.path("attributes").properties().forEach(p -> attributes.put(p.getKey(), p.getValue().asText()));
        return new Item(text(node, "id"), text(node, "title"), text(node, "category"), text(node, "brand"),
                decimal(node, "price"), node.path("available").asBoolean(), attributes);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : new BigDecimal(value);
    }
}
