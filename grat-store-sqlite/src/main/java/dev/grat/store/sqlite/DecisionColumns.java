package dev.grat.store.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grat.decide.bandit.Candidate;
import dev.grat.decide.bandit.ContextFeatures;
import dev.grat.decide.bandit.DecisionRecord;
import dev.grat.decide.bandit.FeatureGroup;
import dev.grat.decide.bandit.Outcome;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The {@code body} column of a logged decision: everything of the record that no query filters on, as JSON
 * (version 1), compressed with zlib. A decision carries up to 500 candidates of up to 100 named features, whose
 * names repeat from candidate to candidate and decision to decision, so compression shrinks it several times.
 *
 * <pre>
 * {"v": 1, "decidedAt": ISO-8601, "policyKey", "policy",
 *  "context": {"values": {name: number}, "groups": [wire names]},
 *  "candidates": [{"id", "features": {name: number}}], "chosen": index, "probabilities": [number],
 *  "learnerProbability": number|null, "ruleProbability": number|null}
 * </pre>
 * NaN (no apprentice) is written as null. Doubles are written in their shortest exact form and read back exactly.
 * The visitor id, slot, experiment and outcome are columns of their own and are not repeated here.
 */
final class DecisionColumns {

    private static final int VERSION = 1;

    private final ObjectMapper mapper = new ObjectMapper();

    byte[] body(DecisionRecord record) {
        ObjectNode json = mapper.createObjectNode();
        json.put("v", VERSION);
        json.put("decidedAt", record.decidedAt().toString());
        json.put("policyKey", record.policyKey());
        json.put("policy", record.policy());
        ObjectNode context = json.putObject("context");
        context.set("values", numbers(record.context().values()));
        ArrayNode groups = context.putArray("groups");
        record.context().groups().forEach(group -> groups.add(group.wireName()));
        ArrayNode candidates = json.putArray("candidates");
        for (Candidate candidate : record.candidates()) {
            candidates.addObject().put("id", candidate.id()).set("features", numbers(candidate.features()));
        }
        json.put("chosen", record.chosen());
        ArrayNode probabilities = json.putArray("probabilities");
        record.probabilities().forEach(probabilities::add);
        putNumberOrNull(json, "learnerProbability", record.learnerProbability());
        putNumberOrNull(json, "ruleProbability", record.ruleProbability());
        try {
            return deflate(mapper.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new SqliteStoreException("could not write a decision as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The record from its columns and body. */
    DecisionRecord record(String id, String slot, String visitorId, String experimentId, String variant, byte[] body,
                          Outcome outcome) {
        JsonNode json = parse(inflate(body, id), id);
        if (json.path("v").asInt() != VERSION) {
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

    private ObjectNode numbers(Map<String, Double> values) {
        ObjectNode json = mapper.createObjectNode();
        values.forEach(json::put);
        return json;
    }

    private static Map<String, Double> numbers(JsonNode json) {
        Map<String, Double> values = new HashMap<>();
        json.properties().forEach(entry -> values.put(entry.getKey(), entry.getValue().asDouble()));
        return values;
    }

    private static void putNumberOrNull(ObjectNode json, String name, double value) {
        if (Double.isNaN(value)) {
            json.putNull(name);
        } else {
            json.put(name, value);
        }
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

    private static byte[] deflate(byte[] bytes) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(bytes);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(byte[] bytes, String id) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(bytes);
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * 4);
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int read = inflater.inflate(buffer);
                if (read == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw corrupt(id, "the compressed body is cut short");
                }
                out.write(buffer, 0, read);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw corrupt(id, "the compressed body is damaged: " + e.getMessage());
        } finally {
            inflater.end();
        }
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
