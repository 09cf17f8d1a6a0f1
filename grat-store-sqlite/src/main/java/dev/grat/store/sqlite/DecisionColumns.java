package dev.grat.store.sqlite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grat.decide.bandit.Candidate;
import dev.grat.decide.bandit.ContextFeatures;
import dev.grat.decide.bandit.DecisionRecord;
import dev.grat.decide.bandit.FeatureGroup;
import dev.grat.decide.bandit.Outcome;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@code body} column of a logged decision: everything of the record that no query filters on, except its
 * candidates, which are stored once per distinct set ({@link SqliteDecisionCandidates}) and referred to by the
 * row's {@code candidates} key. Version 2, binary (big-endian):
 *
 * <pre>
 * byte 2 · long decidedAt epoch second · int nano · string policyKey · string policy
 * · int n · n × (string name · double value)          the context features
 * · int g · g × string                                 the feature groups' wire names
 * · int chosen · int k · k × double                    the probabilities
 * · double learnerProbability · double ruleProbability NaN when not in apprentice mode
 * </pre>
 * strings are an int length and UTF-8 bytes. Doubles are stored bit for bit, so they read back exactly. The
 * visitor id, slot, experiment and outcome are columns of their own and are not repeated here.
 *
 * <p>Version 1 bodies, written before, are zlib-compressed JSON with the candidates inline (the row's
 * {@code candidates} key is null) and are still read:
 * <pre>
 * {"v": 1, "decidedAt": ISO-8601, "policyKey", "policy",
 *  "context": {"values": {name: number}, "groups": [wire names]},
 *  "candidates": [{"id", "features": {name: number}}], "chosen": index, "probabilities": [number],
 *  "learnerProbability": number|null, "ruleProbability": number|null}
 * </pre>
 */
final class DecisionColumns {

    private static final int VERSION_JSON = 1;
    private static final byte VERSION = 2;

    private final ObjectMapper mapper = new ObjectMapper();

    /** The version 2 body of a record; its candidates go to {@link SqliteDecisionCandidates}. */
    byte[] body(DecisionRecord record) {
        SqliteDecisionCandidates.Bytes out = new SqliteDecisionCandidates.Bytes(256 + 16 * record.probabilities().size());
        out.put(VERSION);
        out.putLong(record.decidedAt().getEpochSecond());
        out.putInt(record.decidedAt().getNano());
        out.putString(record.policyKey());
        out.putString(record.policy());
        Map<String, Double> context = record.context().values();
        out.putInt(context.size());
        context.forEach((name, value) -> {
            out.putString(name);
            out.putDouble(value);
        });
        out.putInt(record.context().groups().size());
        record.context().groups().forEach(group -> out.putString(group.wireName()));
        out.putInt(record.chosen());
        out.putInt(record.probabilities().size());
        record.probabilities().forEach(out::putDouble);
        out.putDouble(record.learnerProbability());
        out.putDouble(record.ruleProbability());
        return out.toArray();
    }

    /**
     * The record from its columns and body.
     *
     * @param candidates the decision's candidate set, for a version 2 body; a version 1 body holds its own
     */
    DecisionRecord record(String id, String slot, String visitorId, String experimentId, String variant, byte[] body,
                          Outcome outcome, Supplier<List<Candidate>> candidates) {
        if (body.length > 0 && body[0] == VERSION) {
            return binary(id, slot, visitorId, experimentId, variant, ByteBuffer.wrap(body, 1, body.length - 1),
                    outcome, candidates);
        }
        return json(id, slot, visitorId, experimentId, variant, body, outcome);
    }

    private static DecisionRecord binary(String id, String slot, String visitorId, String experimentId, String variant,
                                         ByteBuffer in, Outcome outcome, Supplier<List<Candidate>> candidates) {
        try {
            Instant decidedAt = Instant.ofEpochSecond(in.getLong(), in.getInt());
            String policyKey = string(in);
            String policy = string(in);
            int size = in.getInt();
            Map<String, Double> context = HashMap.newHashMap(size);
            for (int k = 0; k < size; k++) {
                context.put(string(in), in.getDouble());
            }
            Set<FeatureGroup> groups = EnumSet.noneOf(FeatureGroup.class);
            for (int g = in.getInt(); g > 0; g--) {
                groups.add(featureGroup(string(in), id));
            }
            int chosen = in.getInt();
            List<Double> probabilities = new ArrayList<>();
            for (int k = in.getInt(); k > 0; k--) {
                probabilities.add(in.getDouble());
            }
            return new DecisionRecord(id, slot, visitorId, decidedAt, policyKey, policy, experimentId, variant,
                    new ContextFeatures(context, groups), candidates.get(), chosen, probabilities, in.getDouble(),
                    in.getDouble(), outcome);
        } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw corrupt(id, "the body is cut short or damaged: " + e);
        }
    }

    private static String string(ByteBuffer in) {
        return SqliteDecisionCandidates.string(in);
    }

    /** A record from a version 1 body. */
    private DecisionRecord json(String id, String slot, String visitorId, String experimentId, String variant,
                                byte[] body, Outcome outcome) {
        JsonNode json = parse(Zlib.inflate(body, () -> corrupt(id, "the compressed body is damaged or cut short")), id);
        if (json.path("v").asInt() != VERSION_JSON) {
            throw corrupt(id, "unknown body version " + json.path("v"));
        }
        JsonNode context = json.path("context");
        Set<FeatureGroup> groups = EnumSet.noneOf(FeatureGroup.class);
        for (JsonNode group : context.path("groups")) {
            groups.add(featureGroup(group.asText(), id));
        }
        List<Candidate> candidates = new ArrayList<>();
        for (JsonNode candidate : json.path("candidates")) {
            candidates.add(new Candidate(candidate.path("id").asText(), numbers(candidate.path("features"))));
        }
        List<Double> probabilities = new ArrayList<>();
        json.path("probabilities").forEach(p -> probabilities.add(p.asDouble()));
        return new DecisionRecord(id, slot, visitorId, Instant.parse(json.path("decidedAt").asText()),
                json.path("policyKey").asText(), json.path("policy").asText(), experimentId, variant,
                new ContextFeatures(numbers(context.path("values")), groups), candidates, json.path("chosen").asInt(),
                probabilities, numberOrNaN(json.get("learnerProbability")), numberOrNaN(json.get("ruleProbability")),
                outcome);
    }

    private static Map<String, Double> numbers(JsonNode json) {
        Map<String, Double> values = new HashMap<>();
        json.properties().forEach(entry -> values.put(entry.getKey(), entry.getValue().asDouble()));
        return values;
    }

    private static double numberOrNaN(JsonNode node) {
        return node == null || node.isNull() ? Double.NaN : node.asDouble();
    }

    private static FeatureGroup featureGroup(String wireName, String id) {
        for (FeatureGroup group : FeatureGroup.values()) {
            if (group.wireName().equals(wireName)) {
                return group;
            }
        }
        throw corrupt(id, "unknown feature group " + wireName);
    }

    private JsonNode parse(byte[] json, String id) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw corrupt(id, "the body is not valid JSON: " + e.getMessage());
        }
    }

    private static SqliteStoreException corrupt(String id, String problem) {
        return new SqliteStoreException("column decisions.body of decision " + id + ": " + problem);
    }
}
