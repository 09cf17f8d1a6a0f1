package dev.grat.server.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grat.decide.bandit.PolicyConfig;
import dev.grat.decide.bandit.SlotExperiment;
import dev.grat.event.FieldError;
import dev.grat.experiment.Comparison;
import dev.grat.experiment.Estimate;
import dev.grat.experiment.Experiment;
import dev.grat.experiment.ExperimentResults;
import dev.grat.experiment.GroupResult;
import dev.grat.experiment.Holdout;
import dev.grat.experiment.SampleRatioCheck;
import dev.grat.experiment.Variant;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static dev.grat.server.json.DecisionWire.putNumber;

/**
 * The JSON of experiments (docs/API.md, "Experiments"): a new experiment, an experiment's description, and its
 * results with intervals, comparisons and the sample-ratio check. Immutable and thread-safe.
 */
public final class ExperimentWire {

    private static final List<String> EXPERIMENT_FIELDS = List.of("id", "slot", "salt", "variants");
    private static final int MAX_VARIANTS = 20;

    private final ObjectMapper mapper;

    public ExperimentWire(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * {@code {"id", "slot", "salt"?, "variants": [{"name", "weight"?, "policy": "linucb", ...policy fields}]}}. The
     * first variant is the control; the weight defaults to 1 and the salt to the id.
     */
    public Parsed<SlotExperiment> experiment(JsonNode node) {
        List<FieldError> errors = new ArrayList<>();
        Optional<JsonFields> read = JsonFields.of(node, "", "body", EXPERIMENT_FIELDS, errors);
        if (read.isEmpty()) {
            return Parsed.failed(errors);
        }
        JsonFields fields = read.get();
        String id = required(fields, "id", "the experiment's id");
        String slot = required(fields, "slot", "the slot the experiment runs on");
        String salt = fields.text("salt");
        List<Variant> variants = new ArrayList<>();
        Map<String, PolicyConfig> arms = new LinkedHashMap<>();
        variants(fields, variants, arms, errors);
        if (!errors.isEmpty()) {
            return Parsed.failed(errors);
        }
        try {
            Experiment experiment = new Experiment(id, salt == null ? id : salt, variants);
            return Parsed.ok(new SlotExperiment(slot, experiment, arms, true));
        } catch (IllegalArgumentException e) {
            return Parsed.failed(List.of(new FieldError("variants", e.getMessage())));
        }
    }

    private static void variants(JsonFields fields, List<Variant> variants, Map<String, PolicyConfig> arms,
                                 List<FieldError> errors) {
        JsonNode array = fields.array("variants");
        if (array == null) {
            if (fields.node("variants") == null) {
                fields.error("variants", "is required: 2 to " + MAX_VARIANTS + " variants, the control first");
            }
            return;
        }
        if (array.size() < 2 || array.size() > MAX_VARIANTS) {
            fields.error("variants", "must hold 2 to " + MAX_VARIANTS + " variants, the control first; has " + array.size());
            return;
        }
        List<String> known = new ArrayList<>(PolicyWire.FIELDS);
        known.addAll(List.of("name", "weight"));
        for (int i = 0; i < array.size(); i++) {
            String path = fields.path("variants") + "[" + i + "]";
            Optional<JsonFields> read = JsonFields.of(array.get(i), path, path, known, errors);
            if (read.isEmpty()) {
                continue;
            }
            JsonFields variant = read.get();
            String name = required(variant, "name", "the variant's name, e.g. control");
            BigDecimal weight = variant.decimal("weight");
            if (weight != null && weight.signum() <= 0) {
                variant.error("weight", "must be positive, was " + weight);
            }
            Optional<PolicyConfig> policy = PolicyWire.read(variant, errors);
            if (name != null && policy.isPresent()) {
                if (arms.putIfAbsent(name, policy.get()) != null) {
                    variant.error("name", "'" + name + "' is used twice");
                }
                variants.add(new Variant(name, weight == null ? 1 : weight.doubleValue()));
            }
        }
    }

    private static String required(JsonFields fields, String name, String what) {
        String value = fields.text(name);
        if (value == null && fields.node(name) == null) {
            fields.error(name, "is required: " + what);
        } else if (value != null && value.isBlank()) {
            fields.error(name, "must not be blank: " + what);
            return null;
        }
        return value;
    }

    /**
     * {@code {"id", "slot", "salt", "running", "control", "variants": [{"name", "weight", "share", "policy", ...}],
     * "holdout": {"share"}}}; each share is the part of all visitors the variant should get.
     */
    public JsonNode toJson(SlotExperiment experiment, Holdout holdout) {
        ObjectNode json = mapper.createObjectNode();
        json.put("id", experiment.id());
        json.put("slot", experiment.slot());
        json.put("salt", experiment.experiment().salt());
        json.put("running", experiment.running());
        json.put("control", experiment.experiment().control());
        ArrayNode variants = json.putArray("variants");
        List<Experiment.GroupShare> shares = experiment.experiment().designShares(holdout);
        for (int i = 0; i < experiment.experiment().variants().size(); i++) {
            Variant variant = experiment.experiment().variants().get(i);
            ObjectNode entry = variants.addObject().put("name", variant.name()).put("weight", variant.weight())
                    .put("share", shares.get(i).share());
            PolicyWire.write(experiment.arms().get(variant.name()), entry);
        }
        json.putObject("holdout").put("share", holdout.share());
        return json;
    }

    /** {@code {"experiments": [...]}}. */
    public JsonNode toJson(List<SlotExperiment> experiments, Holdout holdout) {
        ObjectNode json = mapper.createObjectNode();
        ArrayNode array = json.putArray("experiments");
        experiments.forEach(experiment -> array.add(toJson(experiment, holdout)));
        return json;
    }

    /**
     * {@code {"experimentId", "control", "method", "sampleRatio": {...}, "groups": [{"group", "designShare",
     * "visitors", "exposures", "clicks", "ctr": {"value", "low", "high"}, "conversions", "conversionRate",
     * "revenue", "revenuePerVisitor", "ctrVsControl", "conversionVsControl"}]}}; comparisons are null for the
     * control, and numbers that are not defined (a rate of no exposures) are null.
     */
    public JsonNode toJson(ExperimentResults results) {
        ObjectNode json = mapper.createObjectNode();
        json.put("experimentId", results.experimentId());
        json.put("control", results.control());
        json.put("method", results.method());
        SampleRatioCheck check = results.sampleRatio();
        ObjectNode sampleRatio = json.putObject("sampleRatio");
        putNumber(sampleRatio, "chiSquare", check.chiSquare());
        sampleRatio.put("degrees", check.degrees());
        putNumber(sampleRatio, "pValue", check.pValue());
        putNumber(sampleRatio, "threshold", check.threshold());
        sampleRatio.put("mismatch", check.mismatch());
        ArrayNode groups = json.putArray("groups");
        results.groups().forEach(group -> groups.add(group(group)));
        return json;
    }

    private ObjectNode group(GroupResult group) {
        ObjectNode json = mapper.createObjectNode();
        json.put("group", group.group());
        putNumber(json, "designShare", group.designShare());
        json.put("visitors", group.visitors());
        json.put("exposures", group.exposures());
        json.put("clicks", group.clicks());
        json.set("ctr", estimate(group.ctr()));
        json.put("conversions", group.conversions());
        json.set("conversionRate", estimate(group.conversionRate()));
        putNumber(json, "revenue", group.revenue());
        json.set("revenuePerVisitor", estimate(group.revenuePerVisitor()));
        json.set("ctrVsControl", comparison(group.ctrVsControl()));
        json.set("conversionVsControl", comparison(group.conversionVsControl()));
        return json;
    }

    private JsonNode estimate(Estimate estimate) {
        if (estimate == null) {
            return mapper.nullNode();
        }
        ObjectNode json = mapper.createObjectNode();
        putNumber(json, "value", estimate.value());
        putNumber(json, "low", estimate.low());
        putNumber(json, "high", estimate.high());
        return json;
    }

    private JsonNode comparison(Comparison comparison) {
        if (comparison == null) {
            return mapper.nullNode();
        }
        ObjectNode json = mapper.createObjectNode();
        putNumber(json, "difference", comparison.difference());
        putNumber(json, "low", comparison.low());
        putNumber(json, "high", comparison.high());
        putNumber(json, "alwaysValidP", comparison.alwaysValidP());
        json.put("significant", comparison.significant());
        putNumber(json, "probabilityToBeatControl", comparison.probabilityToBeatControl());
        return json;
    }
}
