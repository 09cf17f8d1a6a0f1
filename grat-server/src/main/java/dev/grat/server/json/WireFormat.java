package dev.grat.server.json;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grat.catalog.Item;
import dev.grat.consent.ConsentChange;
import dev.grat.consent.ConsentEntry;
import dev.grat.consent.ConsentRecord;
import dev.grat.consent.ConsentState;
import dev.grat.consent.Purpose;
import dev.grat.consent.TcfSignal;
import com.iabtcf.decoder.TCString;
import dev.grat.decide.Comparison;
import dev.grat.decide.Condition;
import dev.grat.decide.ContentDecision;
import dev.grat.decide.ContentVariant;
import dev.grat.decide.Navigation;
import dev.grat.decide.NavigationEntry;
import dev.grat.decide.ProfileField;
import dev.grat.event.Channel;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.event.FieldError;
import dev.grat.event.IngestResult;
import dev.grat.event.LineItem;
import dev.grat.event.Rejection;
import dev.grat.privacy.DataUse;
import dev.grat.privacy.ErasureReceipt;
import dev.grat.privacy.PrivacyLevel;
import dev.grat.privacy.SubjectExport;
import dev.grat.profile.Interaction;
import dev.grat.profile.ProfileView;
import dev.grat.recommend.Recommendations;
import dev.grat.recommend.ScoredItem;
import dev.grat.store.IdentityLink;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The JSON wire format of Grat (docs/API.md): reads requests into engine records and writes engine answers.
 * Reading checks the shape and JSON types only and reports every problem with its full field path
 * ({@code items[2].price}); the engine checks the meaning (required fields per event type, ranges).
 * Instances are immutable and thread-safe.
 */
public final class WireFormat {

    private static final List<String> EVENT_FIELDS = List.of("id", "type", "visitorId", "customerId", "channel",
            "timestamp", "itemId", "categoryId", "query", "items", "currency", "decisionId", "properties");
    private static final List<String> LINE_ITEM_FIELDS = List.of("itemId", "quantity", "price");
    private static final List<String> ITEM_FIELDS = List.of("id", "title", "category", "brand", "price",
            "available", "attributes");
    private static final List<String> CONSENT_FIELDS = List.of("purposes", "source", "policyVersion", "text");
    private static final List<String> TCF_CONSENT_FIELDS = List.of("tcString", "source");
    private static final List<String> VARIANT_FIELDS = List.of("id", "text", "conditions");
    private static final List<String> CONDITION_FIELDS = List.of("field", "op", "value");

    private final ObjectMapper mapper;
    private final DecisionWire decisions;

    public WireFormat(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.decisions = new DecisionWire(mapper);
    }

    /**
     * A mapper suited to the wire format: decimals are read exactly (prices) and a field given twice in one
     * object is an error instead of "last one wins".
     */
    public static ObjectMapper defaultMapper() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    // ---- reading ----------------------------------------------------------------------------------------

    /** One event of a batch; field paths are relative to the event ({@code items[0].price}). */
    public Parsed<Event> event(JsonNode node) {
        List<FieldError> errors = new ArrayList<>();
        Optional<JsonFields> read = JsonFields.of(node, "", "event", EVENT_FIELDS, errors);
        if (read.isEmpty()) {
            return Parsed.failed(errors);
        }
        JsonFields fields = read.get();
        Event event = Event.builder()
                .id(fields.text("id"))
                .type(fields.oneOf("type", EventType::fromWire, EventType.wireNames()))
                .visitorId(fields.text("visitorId"))
                .customerId(fields.text("customerId"))
                .channel(fields.oneOf("channel", Channel::fromWire, Channel.wireNames()))
                .timestamp(fields.instant("timestamp"))
                .itemId(fields.text("itemId"))
                .categoryId(fields.text("categoryId"))
                .query(fields.text("query"))
                .items(lineItems(fields, errors))
                .currency(fields.text("currency"))
                .decisionId(fields.text("decisionId"))
                .properties(fields.stringMap("properties"))
                .build();
        return errors.isEmpty() ? Parsed.ok(event) : Parsed.failed(errors);
    }

    /** One catalog item; field paths are relative to the item. A missing {@code available} means true. */
    public Parsed<Item> item(JsonNode node) {
        List<FieldError> errors = new ArrayList<>();
        Optional<JsonFields> read = JsonFields.of(node, "", "item", ITEM_FIELDS, errors);
        if (read.isEmpty()) {
            return Parsed.failed(errors);
        }
        JsonFields fields = read.get();
        Boolean available = fields.bool("available");
        Item item = new Item(fields.text("id"), fields.text("title"), fields.text("category"), fields.text("brand"),
                fields.decimal("price"), available == null || available, fields.stringMap("attributes"));
        return errors.isEmpty() ? Parsed.ok(item) : Parsed.failed(errors);
    }

    /**
     * A consent answer {@code {"purposes": {"analytics": true}, "source", "policyVersion", "text"?}}; {@code text}
     * is the notice the visitor was shown, kept for their consent receipt.
     *
     * @param gpc whether the request carried {@code Sec-GPC: 1}
     */
    public Parsed<ConsentChange> consent(JsonNode node, boolean gpc) {
        List<FieldError> errors = new ArrayList<>();
        Optional<JsonFields> read = JsonFields.of(node, "", "body", CONSENT_FIELDS, errors);
        if (read.isEmpty()) {
            return Parsed.failed(errors);
        }
        JsonFields fields = read.get();
        Map<Purpose, Boolean> purposes = purposes(fields, errors);
        String source = fields.text("source");
        String policyVersion = fields.text("policyVersion");
        String noticeText = fields.text("text");
        return errors.isEmpty()
                ? Parsed.ok(new ConsentChange(purposes, source, policyVersion, gpc, noticeText))
                : Parsed.failed(errors);
    }

    /** Whether a consent body carries a TCF string ({@code {"tcString": "..."}}) instead of purposes. */
    public boolean isTcfConsent(JsonNode node) {
        return node != null && node.isObject() && node.has("tcString");
    }

    /**
     * A consent answer as an IAB TCF v2.x string from the shop's consent platform,
     * {@code {"tcString": "CP...", "source"?}}, decoded with the IAB's decoder.
     */
    public Parsed<TcfConsent> tcfConsent(JsonNode node) {
        List<FieldError> errors = new ArrayList<>();
        Optional<JsonFields> read = JsonFields.of(node, "", "body", TCF_CONSENT_FIELDS, errors);
        if (read.isEmpty()) {
            return Parsed.failed(errors);
        }
        String tcString = read.get().text("tcString");
        String source = read.get().text("source");
        if (tcString == null || tcString.isBlank()) {
            errors.add(new FieldError("tcString", "is required: the TC string from the consent platform"));
            return Parsed.failed(errors);
        }
        try {
            TCString decoded = TCString.decode(tcString.strip());
            TcfSignal signal = new TcfSignal(decoded.getVersion(), decoded.getTcfPolicyVersion(), decoded.getLastUpdated(),
                    decoded.getPurposesConsent().toSet(), decoded.getPubPurposesConsent().toSet());
            return errors.isEmpty() ? Parsed.ok(new TcfConsent(signal, source)) : Parsed.failed(errors);
        } catch (RuntimeException e) {
            // The decoder's own message says which part of the string is broken, never anything of the visitor.
            return Parsed.failed(List.of(new FieldError("tcString", "is not a valid TCF v2 consent string ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")")));
        }
    }

    /** A decoded TCF consent answer and where it came from. */
    public record TcfConsent(TcfSignal signal, String source) {
    }

    /**
     * The variants of a content slot: either {@code {"variants": [...]}} (the request body) or the bare array.
     * A variant is {@code {"id", "text", "conditions": [{"field", "op", "value"}]}}; a condition's value
     * may be a string, a number or a boolean.
     */
    public Parsed<List<ContentVariant>> contentVariants(JsonNode node) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode array = node;
        String path = "";
        if (node != null && node.isObject()) {
            Optional<JsonFields> read = JsonFields.of(node, "", "body", List.of("variants"), errors);
            array = read.map(fields -> fields.array("variants")).orElse(null);
            path = "variants";
            if (array == null && errors.isEmpty()) {
                errors.add(new FieldError("variants", "is required: an array of variants"));
            }
        } else if (node == null || !node.isArray()) {
            errors.add(new FieldError("variants", "must be an array of variants, was " + JsonFields.describe(node)));
        }
        if (!errors.isEmpty()) {
            return Parsed.failed(errors);
        }
        List<ContentVariant> variants = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            variant(array.get(i), path + "[" + i + "]", errors).ifPresent(variants::add);
        }
        return errors.isEmpty() ? Parsed.ok(variants) : Parsed.failed(errors);
    }

    private List<LineItem> lineItems(JsonFields fields, List<FieldError> errors) {
        JsonNode array = fields.array("items");
        if (array == null) {
            return List.of();
        }
        List<LineItem> items = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String path = fields.path("items") + "[" + i + "]";
            JsonFields.of(array.get(i), path, path, LINE_ITEM_FIELDS, errors).ifPresent(line -> {
                Integer quantity = line.integer("quantity");
                // A missing quantity becomes 0, which the engine's validator rejects with the field name.
                items.add(new LineItem(line.text("itemId"), quantity == null ? 0 : quantity, line.decimal("price")));
            });
        }
        return items;
    }

    private static Map<Purpose, Boolean> purposes(JsonFields fields, List<FieldError> errors) {
        JsonNode node = fields.node("purposes");
        if (node == null) {
            fields.error("purposes", "is required: an object such as {\"analytics\": true, \"marketing\": false}");
            return Map.of();
        }
        if (!node.isObject()) {
            fields.error("purposes", "must be a JSON object of purpose to true or false, was "
                    + JsonFields.describe(node));
            return Map.of();
        }
        Map<Purpose, Boolean> purposes = new EnumMap<>(Purpose.class);
        node.properties().forEach(entry -> {
            String path = fields.path("purposes") + "." + entry.getKey();
            Optional<Purpose> purpose = Purpose.fromWire(entry.getKey());
            if (purpose.isEmpty()) {
                errors.add(new FieldError(path, "unknown purpose; must be one of: " + Purpose.wireNames()));
            } else if (!entry.getValue().isBoolean()) {
                errors.add(new FieldError(path, "must be true or false, was " + JsonFields.describe(entry.getValue())));
            } else {
                purposes.put(purpose.get(), entry.getValue().booleanValue());
            }
        });
        return purposes;
    }

    private static Optional<ContentVariant> variant(JsonNode node, String path, List<FieldError> errors) {
        Optional<JsonFields> read = JsonFields.of(node, path, path, VARIANT_FIELDS, errors);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        JsonFields fields = read.get();
        String id = fields.text("id");
        String text = fields.text("text");
        JsonNode array = fields.array("conditions");
        List<Condition> conditions = new ArrayList<>();
        if (array != null) {
            for (int i = 0; i < array.size(); i++) {
                String conditionPath = fields.path("conditions") + "[" + i + "]";
                condition(array.get(i), conditionPath, errors).ifPresent(conditions::add);
            }
        }
        return Optional.of(new ContentVariant(id, text, conditions));
    }

    private static Optional<Condition> condition(JsonNode node, String path, List<FieldError> errors) {
        Optional<JsonFields> read = JsonFields.of(node, path, path, CONDITION_FIELDS, errors);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        JsonFields fields = read.get();
        ProfileField field = fields.oneOf("field", ProfileField::fromWire, ProfileField.wireNames());
        Comparison comparison = fields.oneOf("op", Comparison::fromWire, Comparison.wireNames());
        JsonNode value = fields.node("value");
        if (value != null && !value.isValueNode()) {
            fields.error("value", "must be a string, a number or a boolean, was " + JsonFields.describe(value));
            return Optional.empty();
        }
        return Optional.of(new Condition(field, comparison, value == null ? null : value.asText()));
    }

    // ---- writing ----------------------------------------------------------------------------------------

    /**
     * {@code {"accepted", "duplicates", "personal", "anonymous", "droppedFields", "rejected": [{"index", "id", "field",
     * "error"}]}}
     */
    public JsonNode toJson(IngestResult result) {
        ObjectNode json = mapper.createObjectNode();
        json.put("accepted", result.accepted());
        json.put("duplicates", result.duplicates());
        json.put("personal", result.personal());
        json.put("anonymous", result.anonymous());
        json.put("droppedFields", result.droppedFields());
        ArrayNode rejected = json.putArray("rejected");
        for (Rejection rejection : result.rejected()) {
            rejected.addObject()
                    .put("index", rejection.index())
                    .put("id", rejection.id())
                    .put("field", rejection.error().field())
                    .put("error", rejection.error().message());
        }
        return json;
    }

    /** The current consent and the ledger history, oldest first. */
    public JsonNode toJson(ConsentRecord record) {
        ConsentState current = record.current();
        ObjectNode json = mapper.createObjectNode();
        json.put("visitorId", current.visitorId());
        json.set("purposes", purposeMap(current.granted()));
        json.put("since", text(current.since()));
        json.put("policyVersion", current.policyVersion());
        json.put("objected", current.objected());
        json.put("restricted", current.restricted());
        json.set("allowed", purposeMap(Arrays.stream(Purpose.values()).filter(current::allows).toList()));
        ArrayNode history = json.putArray("history");
        for (ConsentEntry entry : record.history()) {
            ObjectNode line = history.addObject();
            line.set("purposes", purposeMap(entry.granted()));
            line.put("recordedAt", text(entry.recordedAt()));
            line.put("source", entry.source());
            line.put("policyVersion", entry.policyVersion());
            line.put("globalPrivacyControl", entry.globalPrivacyControl());
            line.put("noticeHash", entry.noticeHash());
            line.put("objected", entry.objected());
            line.put("restricted", entry.restricted());
        }
        return json;
    }

    public JsonNode toJson(Item item) {
        ObjectNode json = mapper.createObjectNode();
        json.put("id", item.id());
        json.put("title", item.title());
        json.put("category", item.category());
        json.put("brand", item.brand());
        json.put("price", item.price());
        json.put("available", item.available());
        json.set("attributes", stringMap(item.attributes()));
        return json;
    }

    /** {@code {"items": [{"id", "score", "reason"}], "personalized", "strategy"}} */
    public JsonNode toJson(Recommendations recommendations) {
        ObjectNode json = mapper.createObjectNode();
        ArrayNode items = json.putArray("items");
        for (ScoredItem item : recommendations.items()) {
            items.addObject().put("id", item.id()).put("score", item.score()).put("reason", item.reason());
        }
        json.put("personalized", recommendations.personalized());
        json.put("strategy", recommendations.strategy());
        putPrivacy(json, recommendations.privacyLevel(), recommendations.dataUsed());
        return json;
    }

    /** {@code {"categories": [{"category", "score", "reason"}], "personalized", "reason"}} */
    public JsonNode toJson(Navigation navigation) {
        ObjectNode json = mapper.createObjectNode();
        ArrayNode categories = json.putArray("categories");
        for (NavigationEntry entry : navigation.categories()) {
            categories.addObject()
                    .put("category", entry.category())
                    .put("score", entry.score())
                    .put("reason", entry.reason());
        }
        json.put("personalized", navigation.personalized());
        json.put("reason", navigation.reason());
        json.put("policy", navigation.policy());
        if (navigation.decisionId() != null) {
            json.put("decisionId", navigation.decisionId());
        }
        putPrivacy(json, navigation.privacyLevel(), navigation.dataUsed());
        return json;
    }

    /** {@code {"slot", "variantId", "text", "reason", "personalized", "policy", "decisionId"?}} */
    public JsonNode toJson(ContentDecision decision) {
        ObjectNode json = mapper.createObjectNode()
                .put("slot", decision.slot())
                .put("variantId", decision.variantId())
                .put("text", decision.text())
                .put("reason", decision.reason())
                .put("personalized", decision.personalized())
                .put("policy", decision.policy());
        if (decision.decisionId() != null) {
            json.put("decisionId", decision.decisionId());
        }
        putPrivacy(json, decision.privacyLevel(), decision.dataUsed());
        return json;
    }

    /** A registered variant, in the form it is registered with. */
    public JsonNode toJson(ContentVariant variant) {
        ObjectNode json = mapper.createObjectNode();
        json.put("id", variant.id());
        json.put("text", variant.text());
        ArrayNode conditions = json.putArray("conditions");
        for (Condition condition : variant.conditions()) {
            conditions.addObject()
                    .put("field", condition.field().wireName())
                    .put("op", condition.comparison().wireName())
                    .put("value", condition.value());
        }
        return json;
    }

    /** {@code {"slots": {"greeting": [variant, ...]}}}, slots sorted by name. */
    public JsonNode contentSlotsToJson(Map<String, List<ContentVariant>> slots) {
        ObjectNode json = mapper.createObjectNode();
        ObjectNode byName = json.putObject("slots");
        new TreeMap<>(slots).forEach((slot, variants) -> {
            ArrayNode array = byName.putArray(slot);
            variants.forEach(variant -> array.add(toJson(variant)));
        });
        return json;
    }

    /** One event in the wire format it was sent in; absent fields are left out. */
    public JsonNode toJson(Event event) {
        ObjectNode json = mapper.createObjectNode();
        json.put("id", event.id());
        json.put("type", event.type() == null ? null : event.type().wireName());
        putIfPresent(json, "visitorId", event.visitorId());
        putIfPresent(json, "customerId", event.customerId());
        json.put("channel", event.channel() == null ? null : event.channel().wireName());
        json.put("timestamp", text(event.timestamp()));
        putIfPresent(json, "itemId", event.itemId());
        putIfPresent(json, "categoryId", event.categoryId());
        putIfPresent(json, "query", event.query());
        if (!event.items().isEmpty()) {
            ArrayNode items = json.putArray("items");
            for (LineItem line : event.items()) {
                items.addObject().put("itemId", line.itemId()).put("quantity", line.quantity()).put("price", line.price());
            }
        }
        putIfPresent(json, "currency", event.currency());
        putIfPresent(json, "decisionId", event.decisionId());
        if (!event.properties().isEmpty()) {
            json.set("properties", stringMap(event.properties()));
        }
        return json;
    }

    /** Everything stored or derived about one visitor, machine-readable (GDPR art. 15 and 20). */
    public JsonNode toJson(SubjectExport export) {
        ObjectNode json = mapper.createObjectNode();
        json.put("visitorId", export.visitorId());
        json.put("exportedAt", text(export.exportedAt()));
        json.set("consent", toJson(export.consent()));
        ArrayNode events = json.putArray("events");
        export.events().forEach(event -> events.add(toJson(event)));
        json.set("profile", export.profile() == null ? mapper.nullNode() : toJson(export.profile()));
        ArrayNode links = json.putArray("identityLinks");
        for (IdentityLink link : export.identityLinks()) {
            links.addObject()
                    .put("customerId", link.customerId())
                    .put("visitorId", link.visitorId())
                    .put("linkedAt", text(link.linkedAt()));
        }
        json.set("decisions", decisions.toJson(export.decisions()));
        json.set("declaredPreferences", export.declared() == null ? mapper.nullNode()
                : PreferencesWire.toJson(mapper, export.declared()));
        return json;
    }

    public JsonNode toJson(ProfileView profile) {
        ObjectNode json = mapper.createObjectNode();
        json.set("visitorIds", strings(new TreeSet<>(profile.visitorIds())));
        json.put("customerId", profile.customerId());
        ArrayNode recent = json.putArray("recent");
        for (Interaction interaction : profile.recent()) {
            recent.addObject()
                    .put("type", interaction.type().wireName())
                    .put("itemId", interaction.itemId())
                    .put("at", text(interaction.at()));
        }
        json.set("categoryAffinity", numberMap(profile.categoryAffinity()));
        json.set("brandAffinity", numberMap(profile.brandAffinity()));
        json.set("purchased", numberMap(profile.purchased()));
        json.set("cart", numberMap(profile.cart()));
        json.put("purchaseCount", profile.purchaseCount());
        json.put("totalSpent", profile.totalSpent());
        json.put("averagePrice", profile.averagePrice());
        json.put("eventCount", profile.eventCount());
        json.put("firstSeen", text(profile.firstSeen()));
        json.put("lastSeen", text(profile.lastSeen()));
        json.set("recentSearches", strings(profile.recentSearches()));
        return json;
    }

    /** The receipt of an erasure: what was removed, and from where. */
    public JsonNode toJson(ErasureReceipt receipt) {
        ObjectNode json = mapper.createObjectNode();
        json.put("visitorId", receipt.visitorId());
        json.put("erasedAt", text(receipt.erasedAt()));
        json.put("events", receipt.events());
        json.put("consentEntries", receipt.consentEntries());
        json.put("identityLinks", receipt.identityLinks());
        json.set("removedFrom", strings(receipt.removedFrom()));
        return json;
    }

    /** An error answer {@code {"error": "...", "fields": [{"field", "message"}]}}; fields left out when empty. */
    public JsonNode error(String message, List<FieldError> fields) {
        ObjectNode json = mapper.createObjectNode();
        json.put("error", message);
        if (!fields.isEmpty()) {
            ArrayNode array = json.putArray("fields");
            fields.forEach(field -> array.addObject().put("field", field.field()).put("message", field.message()));
        }
        return json;
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    /** {@code "privacyLevel": "session", "dataUsed": ["session_activity", ...]}: what a decision was based on. */
    public static void putPrivacy(ObjectNode json, PrivacyLevel level, Collection<DataUse> dataUsed) {
        json.put("privacyLevel", level.wireName());
        ArrayNode used = json.putArray("dataUsed");
        dataUsed.forEach(use -> used.add(use.wireName()));
    }

    private ObjectNode purposeMap(Collection<Purpose> granted) {
        ObjectNode json = mapper.createObjectNode();
        for (Purpose purpose : Purpose.values()) {
            json.put(purpose.wireName(), granted.contains(purpose));
        }
        return json;
    }

    private ObjectNode stringMap(Map<String, String> map) {
        ObjectNode json = mapper.createObjectNode();
        new TreeMap<>(map).forEach(json::put);
        return json;
    }

    private ObjectNode numberMap(Map<String, ? extends Number> map) {
        ObjectNode json = mapper.createObjectNode();
        new TreeMap<>(map).forEach((key, value) -> {
            if (value instanceof Integer integer) {
                json.put(key, integer);
            } else {
                json.put(key, value.doubleValue());
            }
        });
        return json;
    }

    private ArrayNode strings(Collection<String> values) {
        ArrayNode array = mapper.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private static void putIfPresent(ObjectNode json, String name, String value) {
        if (value != null) {
            json.put(name, value);
        }
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
