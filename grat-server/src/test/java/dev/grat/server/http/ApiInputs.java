package dev.grat.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.iabtcf.encoder.TCStringEncoder;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Generators of hostile but mostly well-shaped requests: the known field names with values of every JSON type,
 * edge-case numbers, odd strings and dates, so that inputs get past the JSON parser into validation and the
 * engine. Each request is a {@link Call}.
 */
final class ApiInputs {

    /** One request to send. */
    record Call(String method, String target, Map<String, String> headers, byte[] body) {

        static Call json(String method, String target, Map<String, String> headers, JsonNode body) {
            try {
                return new Call(method, target, headers, MAPPER.writeValueAsBytes(body));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        String describe() {
            return method + " " + target + " " + new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> EVENT_FIELDS = List.of("id", "type", "visitorId", "customerId", "channel",
            "timestamp", "itemId", "categoryId", "query", "items", "currency", "decisionId", "properties");
    private static final List<String> EVENT_TYPES = List.of("page_view", "product_view", "category_view", "search",
            "add_to_cart", "remove_from_cart", "purchase", "email_open", "email_click", "recommendation_click",
            "offer_impression", "offer_click", "Purchase", "");
    private static final List<String> ODD_STRINGS = List.of("", " ", "a@b.example", "../../etc/passwd", "%00", "\u0000",
            "v".repeat(257), "x".repeat(5000), "🛒", "\uD800", "null", "1e999", "=cmd|' /C calc'!A0", "<script>",
            "2026-03-01T12:00:00Z", "9999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "2026-02-30T00:00:00Z",
            "EUR", "XXX", "web", "email", "shoe-1", "Women/Shoes", "analytics", "CPXxRfAPXxRfAAfKABENB-CgAAAAAAAAAAYgAAAAAAAA");

    private final FuzzSource source;

    ApiInputs(FuzzSource source) {
        this.source = source;
    }

    Call events() {
        ObjectNode body = NODES.objectNode();
        ArrayNode events = body.putArray("events");
        int count = source.below(4);
        for (int i = 0; i < count; i++) {
            events.add(source.below(8) == 0 ? anyValue(2) : event());
        }
        maybeExtraField(body);
        return Call.json("POST", "/v1/events", source.bool() ? InProcessApi.secretJson() : InProcessApi.browserJson(),
                source.below(10) == 0 ? anyValue(3) : body);
    }

    Call consent() {
        ObjectNode body = NODES.objectNode();
        if (source.bool()) {
            body.set("tcString", NODES.textNode(tcString()));
        } else {
            ObjectNode purposes = body.putObject("purposes");
            for (String purpose : List.of("analytics", "personalization", "marketing", "ads", "")) {
                if (source.below(3) > 0) {
                    purposes.set(purpose, source.below(3) == 0 ? anyValue(1) : NODES.booleanNode(source.bool()));
                }
            }
            optional(body, "policyVersion");
        }
        optional(body, "source");
        maybeExtraField(body);
        return Call.json("PUT", "/v1/consent/" + pathSegment(), InProcessApi.secretJson(), body);
    }

    Call browserConsent() {
        ObjectNode body = NODES.objectNode();
        body.set("visitorId", source.bool() ? NODES.textNode(java.util.UUID.nameUUIDFromBytes(
                Long.toString(source.anyLong()).getBytes(StandardCharsets.UTF_8)).toString()) : text());
        if (source.bool()) {
            body.set("visitorToken", text());
        }
        ObjectNode purposes = body.putObject("purposes");
        purposes.set("analytics", source.below(4) == 0 ? anyValue(1) : NODES.booleanNode(source.bool()));
        purposes.set("personalization", NODES.booleanNode(source.bool()));
        optional(body, "source");
        optional(body, "policyVersion");
        maybeExtraField(body);
        return Call.json("POST", "/v1/me/consent", InProcessApi.browserJson(), body);
    }

    Call decision() {
        ObjectNode body = NODES.objectNode();
        body.set("visitorId", source.below(5) == 0 ? anyValue(1) : text());
        body.set("slot", source.below(5) == 0 ? anyValue(1) : NODES.textNode(InProcessApi.SLOT));
        ArrayNode candidates = body.putArray("candidates");
        int count = source.below(5);
        for (int i = 0; i < count; i++) {
            ObjectNode candidate = candidates.addObject();
            candidate.set("id", source.below(4) == 0 ? anyValue(1) : NODES.textNode("offer-" + source.below(4)));
            ObjectNode features = candidate.putObject("features");
            int featureCount = source.below(4);
            for (int f = 0; f < featureCount; f++) {
                features.set(source.pick(List.of("discount", "category", "new", "", "x".repeat(300), "a=b")),
                        source.bool() ? NODES.numberNode(source.anyDouble()) : anyValue(1));
            }
            maybeExtraField(candidate);
        }
        if (source.bool()) {
            ObjectNode context = body.putObject("context");
            optional(context, "channel");
            optional(context, "deviceClass");
            if (source.bool()) {
                context.set("extra", source.bool() ? anyObject(1) : anyValue(1));
            }
        }
        optional(body, "ruleChoice");
        maybeExtraField(body);
        return Call.json("POST", "/v1/decisions", source.bool() ? InProcessApi.secretJson() : InProcessApi.browserJson(),
                body);
    }

    Call slotPolicy() {
        ObjectNode body = NODES.objectNode();
        body.set("policy", source.bool() ? NODES.textNode(source.pick(List.of("linucb", "thompson", "epsilon-greedy",
                "rule", "apprentice", "LinUCB"))) : anyValue(1));
        for (String name : List.of("alpha", "epsilon", "exploration", "warmStart", "lambda", "apprenticeUntil")) {
            if (source.below(3) == 0) {
                body.set(name, source.bool() ? NODES.numberNode(source.anyDouble()) : anyValue(1));
            }
        }
        maybeExtraField(body);
        return Call.json("PUT", "/v1/slots/fuzz-" + source.below(1000) + "/policy", InProcessApi.secretJson(), body);
    }

    Call reward() {
        ObjectNode body = NODES.objectNode();
        body.set("value", source.bool() ? NODES.numberNode(source.anyDouble()) : anyValue(1));
        maybeExtraField(body);
        return Call.json("POST", "/v1/decisions/" + pathSegment() + "/reward", InProcessApi.secretJson(), body);
    }

    /** A GET of a decision route with odd query parameters, percent-encoded or raw. */
    Call query() {
        String route = source.pick(List.of("/v1/recommendations", "/v1/navigation", "/v1/content"));
        StringBuilder target = new StringBuilder(route).append('?');
        for (String name : List.of("visitorId", "slot", "n", "item", "category", "unknown")) {
            if (source.below(3) > 0) {
                String value = source.pick(List.of("home", "product", "cart", "category", "5", "-1", "2147483648"));
                value = source.bool() ? value : source.anyString(20);
                target.append(name).append('=').append(source.below(4) == 0 ? value
                        : URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&');
            }
        }
        return new Call("GET", target.toString(), source.bool() ? InProcessApi.secretJson() : InProcessApi.browserJson(),
                new byte[0]);
    }

    private ObjectNode event() {
        ObjectNode event = NODES.objectNode();
        for (String field : EVENT_FIELDS) {
            if (source.below(4) == 0) {
                continue;
            }
            event.set(field, switch (source.below(6)) {
                case 0 -> anyValue(2);
                case 1 -> NODES.textNode(source.pick(ODD_STRINGS));
                default -> plausible(field);
            });
        }
        return event;
    }

    private JsonNode plausible(String field) {
        return switch (field) {
            case "type" -> NODES.textNode(source.pick(EVENT_TYPES));
            case "channel" -> NODES.textNode(source.pick(List.of("web", "app", "email", "shop", "fax")));
            case "timestamp" -> NODES.textNode(Instant.now().plus(source.below(20_000) - 10_000, ChronoUnit.MINUTES)
                    .toString());
            case "items" -> items();
            case "currency" -> NODES.textNode(source.pick(List.of("EUR", "USD", "eur", "EURO")));
            case "properties" -> anyObject(1);
            default -> text();
        };
    }

    private ArrayNode items() {
        ArrayNode items = NODES.arrayNode();
        int count = source.below(3);
        for (int i = 0; i < count; i++) {
            ObjectNode line = items.addObject();
            line.set("itemId", text());
            line.set("quantity", source.bool() ? NODES.numberNode(source.anyLong()) : anyValue(0));
            line.set("price", source.bool() ? NODES.numberNode(source.anyDouble()) : anyValue(0));
        }
        return items;
    }

    /** A TC string: valid, a valid one altered, or noise. */
    private String tcString() {
        return switch (source.below(3)) {
            case 0 -> validTcString();
            case 1 -> mutate(validTcString());
            default -> source.bool() ? source.anyString(80) : source.pick(ODD_STRINGS);
        };
    }

    private String validTcString() {
        Instant updated = Instant.now().minus(source.below(800), ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);
        TCStringEncoder.Builder builder = TCStringEncoder.newBuilder().version(2).tcfPolicyVersion(2 + source.below(3))
                .created(updated).lastUpdated(updated).cmpId(1 + source.below(500)).cmpVersion(1)
                .consentLanguage("EN").vendorListVersion(1 + source.below(200)).publisherCC("DE");
        int purposes = source.below(12);
        for (int i = 0; i < purposes; i++) {
            builder.addPurposesConsent(1 + source.below(24));
        }
        return builder.encode();
    }

    private String mutate(String tc) {
        StringBuilder text = new StringBuilder(tc);
        int edits = 1 + source.below(4);
        for (int i = 0; i < edits && !text.isEmpty(); i++) {
            int at = source.below(text.length());
            switch (source.below(3)) {
                case 0 -> text.setCharAt(at, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/"
                        .charAt(source.below(68)));
                case 1 -> text.deleteCharAt(at);
                default -> text.setLength(at);
            }
        }
        return text.toString();
    }

    private JsonNode text() {
        return NODES.textNode(switch (source.below(3)) {
            case 0 -> source.pick(ODD_STRINGS);
            case 1 -> source.anyString(40);
            default -> "v-" + source.below(50);
        });
    }

    private String pathSegment() {
        String value = source.bool() ? "v-" + source.below(100) : source.anyString(30);
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private void optional(ObjectNode node, String field) {
        if (source.bool()) {
            node.set(field, source.below(4) == 0 ? anyValue(1) : text());
        }
    }

    private void maybeExtraField(ObjectNode node) {
        if (source.below(12) == 0) {
            node.set(source.pick(List.of("visitorID", "__proto__", "", "extra")), anyValue(1));
        }
    }

    private ObjectNode anyObject(int depth) {
        ObjectNode object = NODES.objectNode();
        int size = source.below(4);
        for (int i = 0; i < size; i++) {
            object.set(source.bool() ? source.anyString(12) : "k" + i, anyValue(depth));
        }
        return object;
    }

    /** Any JSON value, nested up to {@code depth}. */
    JsonNode anyValue(int depth) {
        int kinds = depth > 0 ? 9 : 7;
        return switch (source.below(kinds)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(source.bool());
            case 2 -> NODES.numberNode(source.anyLong());
            case 3 -> NODES.numberNode(source.anyDouble());
            case 4 -> NODES.numberNode(new BigDecimal("1e" + (source.below(800) - 400)));
            case 5 -> NODES.textNode(source.anyString(60));
            case 6 -> NODES.textNode(source.pick(ODD_STRINGS));
            case 7 -> {
                ArrayNode array = NODES.arrayNode();
                int size = source.below(4);
                for (int i = 0; i < size; i++) {
                    array.add(anyValue(depth - 1));
                }
                yield array;
            }
            default -> anyObject(depth - 1);
        };
    }
}
