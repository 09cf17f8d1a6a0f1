package dev.grat.server.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grat.decide.bandit.ApprenticeStatus;
import dev.grat.decide.bandit.Candidate;
import dev.grat.decide.bandit.DecisionAnswer;
import dev.grat.decide.bandit.DecisionRecord;
import dev.grat.decide.bandit.DecisionRequest;
import dev.grat.decide.bandit.FeatureGroup;
import dev.grat.decide.bandit.Outcome;
import dev.grat.decide.bandit.PolicyConfig;
import dev.grat.decide.bandit.RankedAction;
import dev.grat.decide.bandit.RequestContext;
import dev.grat.decide.bandit.SlotStatus;
import dev.grat.event.FieldError;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The JSON of decisions (docs/API.md, "Decisions"): decision requests and answers, rewards, slot policies, and a
 * visitor's logged decisions in their data export. Like {@link WireFormat}, reading checks shapes and JSON types and
 * names every problem by its full path ({@code candidates[3].features.discount}); the engine checks the meaning.
 * Immutable and thread-safe.
 */
public final class DecisionWire {

    private static final List<String> REQUEST_FIELDS = List.of("visitorId", "slot", "candidates", "context", "ruleChoice");
    private static final List<String> CANDIDATE_FIELDS = List.of("id", "features");
    private static final List<String> CONTEXT_FIELDS = List.of("channel", "deviceClass", "extra");
    private static final List<String> SLOT_POLICY_FIELDS = withWarmStart();

    private final ObjectMapper mapper;

    public DecisionWire(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * A slot's new policy, and whether it should first learn from the slot's logged decisions.
     *
     * @param warmStart {@code "warmStart": true} in the request
     */
    public record SlotPolicy(PolicyConfig config, boolean warmStart) {
    }

    // ---- reading ----------------------------------------------------------------------------------------

    /**
     * {@code {"visitorId", "slot", "candidates": [{"id", "features": {...}}], "context": {"channel", "deviceClass",
     * "extra": {...}}, "ruleChoice"}}. A feature value is a number; a string {@code "category": "Shoes"} stands
     * for the categorical feature {@code category=Shoes} with value 1, and a boolean for 1 or 0.
     */
    public Parsed<DecisionRequest> decisionRequest(JsonNode node) {
        List<FieldError> errors = new ArrayList<>();
        Optional<JsonFields> read = JsonFields.of(node, "", "body", REQUEST_FIELDS, errors);
        if (read.isEmpty()) {
            return Parsed.failed(errors);
        }
        JsonFields fields = read.get();
        String visitorId = fields.text("visitorId");
        String slot = fields.text("slot");
        String ruleChoice = fields.text("ruleChoice");
        List<Candidate> candidates = candidates(fields, errors);
        RequestContext context = context(fields, errors);
        return errors.isEmpty()
                ? Parsed.ok(new DecisionRequest(visitorId, slot, candidates, context, ruleChoice))
                : Parsed.failed(errors);
    }

    /**
     * A well-formed decision request read straight from the body's bytes, without a JSON tree; empty when the body
     * holds anything {@link #decisionRequest(JsonNode)} would report (then read it through that method, which names
     * every bad field). Both read a valid request alike.
     */
    public Optional<DecisionRequest> wellFormedDecisionRequest(byte[] body) {
        return DecisionRequestReader.read(mapper, body);
    }

    /** {@code {"value": number}}: the reward to add to a decision. */
    public Parsed<Double> reward(JsonNode node) {
        List<FieldError> errors = new ArrayList<>();
        Optional<JsonFields> read = JsonFields.of(node, "", "body", List.of("value"), errors);
        if (read.isEmpty()) {
            return Parsed.failed(errors);
        }
        var value = read.get().decimal("value");
        if (value == null && errors.isEmpty()) {
            errors.add(new FieldError("value", "is required: the reward, a number such as 1 for a click"));
        }
        return errors.isEmpty() ? Parsed.ok(value.doubleValue()) : Parsed.failed(errors);
    }

    /** A slot's policy (see {@link PolicyWire}) and an optional {@code "warmStart": true}. */
    public Parsed<SlotPolicy> slotPolicy(JsonNode node) {
        List<FieldError> errors = new ArrayList<>();
        Optional<JsonFields> read = JsonFields.of(node, "", "body", SLOT_POLICY_FIELDS, errors);
        if (read.isEmpty()) {
            return Parsed.failed(errors);
        }
        Boolean warmStart = read.get().bool("warmStart");
        Optional<PolicyConfig> config = PolicyWire.read(read.get(), errors);
        return errors.isEmpty() && config.isPresent()
                ? Parsed.ok(new SlotPolicy(config.get(), Boolean.TRUE.equals(warmStart)))
                : Parsed.failed(errors);
    }

    private static List<Candidate> candidates(JsonFields fields, List<FieldError> errors) {
        JsonNode array = fields.array("candidates");
        if (array == null) {
            return List.of();
        }
        List<Candidate> candidates = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String path = fields.path("candidates") + "[" + i + "]";
            JsonFields.of(array.get(i), path, path, CANDIDATE_FIELDS, errors).ifPresent(candidate ->
                    candidates.add(new Candidate(candidate.text("id"), features(candidate, "features", errors))));
        }
        return candidates;
    }

    private static RequestContext context(JsonFields fields, List<FieldError> errors) {
        JsonNode node = fields.node("context");
        if (node == null) {
            return RequestContext.none();
        }
        String path = fields.path("context");
        return JsonFields.of(node, path, path, CONTEXT_FIELDS, errors)
                .map(context -> new RequestContext(context.text("channel"), context.text("deviceClass"),
                        features(context, "extra", errors)))
                .orElse(RequestContext.none());
    }

    /** An object of named features; strings become {@code name=value} and booleans 1 or 0. */
    private static Map<String, Double> features(JsonFields fields, String name, List<FieldError> errors) {
        JsonNode node = fields.node(name);
        if (node == null) {
            return Map.of();
        }
        String path = fields.path(name);
        if (!node.isObject()) {
            errors.add(new FieldError(path, "must be a JSON object of feature names to values, was "
                    + JsonFields.describe(node)));
            return Map.of();
        }
        Map<String, Double> features = new LinkedHashMap<>();
        node.properties().forEach(entry -> {
            String field = path + "." + entry.getKey();
            JsonNode value = entry.getValue();
            String key = value.isTextual() ? entry.getKey() + "=" + value.textValue() : entry.getKey();
            Double number = switch (value.getNodeType()) {
                case NUMBER -> value.doubleValue();
                case STRING, BOOLEAN -> value.isTextual() || value.booleanValue() ? 1.0 : 0.0;
                default -> null;
            };
            if (number == null) {
                errors.add(new FieldError(field, "must be a number, a string (a category such as \"Shoes\") or a "
                        + "boolean, was " + JsonFields.describe(value)));
            } else if (!Double.isFinite(number)) {
                errors.add(new FieldError(field, "must be a finite number"));
            } else if (features.putIfAbsent(key, number) != null) {
                errors.add(new FieldError(field, "gives the feature " + key + " a second time"));
            }
        });
        return features;
    }

    private static List<String> withWarmStart() {
        List<String> fields = new ArrayList<>(PolicyWire.FIELDS);
        fields.add("warmStart");
        return List.copyOf(fields);
    }

    // ---- writing ----------------------------------------------------------------------------------------

    /**
     * {@code {"decisionId", "slot", "chosen", "ranking": [{"id", "probability", "score"}], "policy",
     * "experimentId", "variant", "featureGroups", "personalized", "explanation"}}
     */
    public JsonNode toJson(DecisionAnswer answer) {
        ObjectNode json = mapper.createObjectNode();
        json.put("decisionId", answer.decisionId());
        json.put("slot", answer.slot());
        json.put("chosen", answer.chosen());
        ArrayNode ranking = json.putArray("ranking");
        for (RankedAction action : answer.ranking()) {
            ObjectNode entry = ranking.addObject().put("id", action.actionId());
            putNumber(entry, "probability", action.probability());
            putNumber(entry, "score", action.score());
        }
        json.put("policy", answer.policy());
        json.put("experimentId", answer.experimentId());
        json.put("variant", answer.variant());
        json.set("featureGroups", groups(answer.featureGroups()));
        json.put("personalized", answer.featureGroups().stream().anyMatch(FeatureGroup::isPersonal));
        json.put("explanation", answer.explanation());
        WireFormat.putPrivacy(json, answer.privacyLevel(), answer.dataUsed());
        return json;
    }

    /** {@code {"decisionId", "reward", "clicks", "conversions", "revenue", "settledAt"}}; settledAt null while open. */
    public JsonNode toJson(String decisionId, Outcome outcome) {
        ObjectNode json = mapper.createObjectNode();
        json.put("decisionId", decisionId);
        return outcome(outcome, json);
    }

    /** {@code {"slot", "policy", "description", ...the configuration..., "updates", "apprentice", "runningExperiment"}} */
    public ObjectNode toJson(SlotStatus status) {
        ObjectNode json = mapper.createObjectNode();
        json.put("slot", status.slot());
        PolicyWire.write(status.config(), json);
        json.put("updates", status.updates());
        ApprenticeStatus apprentice = status.apprentice();
        if (apprentice != null) {
            ObjectNode takeover = json.putObject("takeover");
            takeover.put("learnerInCharge", apprentice.learnerInCharge());
            takeover.put("settled", apprentice.settled());
            takeover.put("looks", apprentice.looks());
            putNumber(takeover, "estimatedGain", apprentice.estimatedGain());
            putNumber(takeover, "lowerBound", apprentice.lowerBound());
        }
        json.put("runningExperiment", status.runningExperiment());
        return json;
    }

    /** {@code {"slots": [status, ...]}}, by slot name. */
    public JsonNode slotsToJson(Map<String, SlotStatus> slots) {
        ObjectNode json = mapper.createObjectNode();
        ArrayNode array = json.putArray("slots");
        new TreeMap<>(slots).values().forEach(status -> array.add(toJson(status)));
        return json;
    }

    /**
     * One logged decision as a visitor's data export shows it: what was chosen among which candidates, with which
     * probability, the features and feature groups it was based on, and what followed.
     */
    public JsonNode toJson(DecisionRecord record) {
        ObjectNode json = mapper.createObjectNode();
        json.put("decisionId", record.id());
        json.put("slot", record.slot());
        json.put("decidedAt", record.decidedAt().toString());
        json.put("policy", record.policy());
        json.put("experimentId", record.experimentId());
        json.put("variant", record.variant());
        json.put("chosen", record.chosenCandidate().id());
        putNumber(json, "probability", record.propensity());
        ArrayNode candidates = json.putArray("candidates");
        record.candidates().forEach(candidate -> candidates.add(candidate.id()));
        json.set("featureGroups", groups(record.context().groups()));
        ObjectNode features = json.putObject("features");
        new TreeMap<>(record.context().values()).forEach((name, value) -> putNumber(features, name, value));
        json.set("outcome", outcome(record.outcome(), mapper.createObjectNode()));
        return json;
    }

    /** A visitor's decisions for the data export, oldest first. */
    public ArrayNode toJson(Collection<DecisionRecord> records) {
        ArrayNode array = mapper.createArrayNode();
        records.forEach(record -> array.add(toJson(record)));
        return array;
    }

    private ObjectNode outcome(Outcome outcome, ObjectNode json) {
        putNumber(json, "reward", outcome.reward());
        json.put("clicks", outcome.clicks());
        json.put("conversions", outcome.conversions());
        putNumber(json, "revenue", outcome.revenue());
        json.put("settledAt", outcome.settledAt() == null ? null : outcome.settledAt().toString());
        return json;
    }

    private ArrayNode groups(Collection<FeatureGroup> groups) {
        ArrayNode array = mapper.createArrayNode();
        EnumSet<FeatureGroup> ordered = EnumSet.noneOf(FeatureGroup.class);
        ordered.addAll(groups);
        ordered.forEach(group -> array.add(group.wireName()));
        return array;
    }

    /** A number, or null when it is not finite (JSON has no NaN). */
    static void putNumber(ObjectNode json, String name, double value) {
        if (Double.isFinite(value)) {
            json.put(name, value);
        } else {
            json.putNull(name);
        }
    }
}
