package dev.grat.server.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grat.decide.bandit.Candidate;
import dev.grat.decide.bandit.DecisionRequest;
import dev.grat.decide.bandit.Features;
import dev.grat.decide.bandit.RequestContext;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fast path of {@code POST /v1/decisions}: reads a well-formed request token by token, each candidate's
 * features straight into the name and value arrays of {@link Features}, without a JSON tree or a map per candidate
 * (a request of 50 candidates × 100 features is about 77 KB). It reads the same request as
 * {@link DecisionWire#decisionRequest} does from a tree, and gives up at the first thing that path would report
 * (a wrong JSON type, an unknown field, a feature given twice, a number out of range, malformed JSON): the caller
 * then reads the body again through the tree, whose errors name every bad field. So a valid request is read once,
 * and an invalid one gets exactly the errors it always got.
 *
 * <p>One instance per request; not thread-safe.
 */
final class DecisionRequestReader {

    private final JsonParser parser;
    private final String[] names = new String[Candidate.MAX_FEATURES];
    private final double[] values = new double[Candidate.MAX_FEATURES];

    private DecisionRequestReader(JsonParser parser) {
        this.parser = parser;
    }

    /** The request, or empty when the tree path must read it (see the class comment). */
    static Optional<DecisionRequest> read(ObjectMapper mapper, byte[] body) {
        try (JsonParser parser = mapper.createParser(body)) {
            // 5000 numbers per request: Jackson's fast parser gives the same (correctly rounded) doubles, sooner.
            parser.enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER.mappedFeature());
            DecisionRequest request = new DecisionRequestReader(parser).request();
            return request != null && parser.nextToken() == null ? Optional.of(request) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            // Malformed JSON, a duplicate field or feature: the tree path reports it.
            return Optional.empty();
        }
    }

    private DecisionRequest request() throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String visitorId = null;
        String slot = null;
        String ruleChoice = null;
        List<Candidate> candidates = List.of();
        RequestContext context = RequestContext.none();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "visitorId" -> visitorId = text(value);
                case "slot" -> slot = text(value);
                case "ruleChoice" -> ruleChoice = text(value);
                case "candidates" -> candidates = candidates(value);
                case "context" -> context = context(value);
                default -> {
                    return null;
                }
            }
            if (value != JsonToken.VALUE_NULL && (candidates == null || context == null || field.equals("visitorId")
                    && visitorId == null || field.equals("slot") && slot == null || field.equals("ruleChoice")
                    && ruleChoice == null)) {
                return null;
            }
        }
        return new DecisionRequest(visitorId, slot, candidates, context, ruleChoice);
    }

    /** A string, or null for JSON null and for any other type (the caller tells them apart by the token). */
    private String text(JsonToken value) throws IOException {
        return value == JsonToken.VALUE_STRING ? parser.getText() : null;
    }

    /** The candidates; null when anything is off. */
    private List<Candidate> candidates(JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (value != JsonToken.START_ARRAY) {
            return null;
        }
        List<Candidate> candidates = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            Candidate candidate = token == JsonToken.START_OBJECT ? candidate() : null;
            if (candidate == null) {
                return null;
            }
            candidates.add(candidate);
        }
        return candidates;
    }

    private Candidate candidate() throws IOException {
        String id = null;
        int size = 0;
        boolean seenId = false;
        boolean seenFeatures = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("id") && !seenId) {
                seenId = true;
                id = text(value);
                if (id == null && value != JsonToken.VALUE_NULL) {
                    return null;
                }
            } else if (field.equals("features") && !seenFeatures) {
                seenFeatures = true;
                size = features(value);
                if (size < 0) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return new Candidate(id, Features.of(names, values, size));
    }

    /** Reads an object of features into the arrays; the count, or -1 when anything is off. */
    private int features(JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return 0;
        }
        if (value != JsonToken.START_OBJECT) {
            return -1;
        }
        int size = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            if (size == names.length) {
                return -1; // too many: the engine's error, reached through the tree path
            }
            double number;
            switch (token) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number = parser.getDoubleValue();
                case VALUE_STRING -> {
                    name = name + "=" + parser.getText();
                    number = 1;
                }
                case VALUE_TRUE -> number = 1;
                case VALUE_FALSE -> number = 0;
                default -> {
                    return -1;
                }
            }
            if (!Double.isFinite(number)) {
                return -1;
            }
            names[size] = name;
            values[size++] = number;
        }
        return size;
    }

    /** The context; null when anything is off. */
    private RequestContext context(JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return RequestContext.none();
        }
        if (value != JsonToken.START_OBJECT) {
            return null;
        }
        String channel = null;
        String deviceClass = null;
        Map<String, Double> extra = Map.of();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            switch (field) {
                case "channel" -> channel = text(token);
                case "deviceClass" -> deviceClass = text(token);
                case "extra" -> {
                    int size = features(token);
                    extra = size < 0 ? null : map(size);
                }
                default -> {
                    return null;
                }
            }
            if (token != JsonToken.VALUE_NULL && (field.equals("channel") && channel == null
                    || field.equals("deviceClass") && deviceClass == null || field.equals("extra") && extra == null)) {
                return null;
            }
        }
        return new RequestContext(channel, deviceClass, extra);
    }

    /** The context's extra features as a map; a name given twice goes to the tree path, which names it. */
    private Map<String, Double> map(int size) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int k = 0; k < size; k++) {
            if (map.putIfAbsent(names[k], values[k]) != null) {
                return null;
            }
        }
        return map;
    }
}
