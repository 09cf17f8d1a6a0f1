package dev.grat.decide.bandit;

import dev.grat.InvalidInputException;
import dev.grat.catalog.Identifiers;
import dev.grat.event.FieldError;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The checks of a {@link DecisionRequest}; every error names its field. */
final class DecisionRequests {

    private static final int MAX_NAME = 200;
    private static final int MAX_CONTEXT = 50;
    private static final int MAX_LABEL = 64;

    private DecisionRequests() {
    }

    static void validate(DecisionRequest request, int maxCandidates) {
        List<FieldError> errors = new ArrayList<>();
        Identifiers.check(request.visitorId(), "visitorId", errors);
        Identifiers.check(request.slot(), "slot", errors);
        List<Candidate> candidates = request.candidates();
        if (candidates.isEmpty() || candidates.size() > maxCandidates) {
            errors.add(new FieldError("candidates", "must hold 1 to " + maxCandidates + " candidates, has " + candidates.size()));
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < candidates.size() && i < maxCandidates; i++) {
            Candidate candidate = candidates.get(i);
            String prefix = "candidates[" + i + "]";
            Identifiers.check(candidate.id(), prefix + ".id", errors);
            if (candidate.id() != null && !ids.add(candidate.id())) {
                errors.add(new FieldError(prefix + ".id", "'" + candidate.id() + "' is used twice"));
            }
            if (candidate.features().size() > Candidate.MAX_FEATURES) {
                errors.add(new FieldError(prefix + ".features", "must hold at most " + Candidate.MAX_FEATURES
                        + " features, has " + candidate.features().size()));
            }
            checkFeatures(candidate.features(), prefix + ".features", errors);
        }
        if (request.ruleChoice() != null && !ids.contains(request.ruleChoice())) {
            errors.add(new FieldError("ruleChoice", "'" + request.ruleChoice() + "' is not one of the candidates"));
        }
        RequestContext context = request.context();
        checkLabel(context.channel(), "context.channel", errors);
        checkLabel(context.deviceClass(), "context.deviceClass", errors);
        if (context.extra().size() > MAX_CONTEXT) {
            errors.add(new FieldError("context.extra", "must hold at most " + MAX_CONTEXT + " features, has " + context.extra().size()));
        }
        checkFeatures(context.extra(), "context.extra", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static void checkFeatures(Map<String, Double> features, String field, List<FieldError> errors) {
        for (Map.Entry<String, Double> feature : features.entrySet()) {
            String name = feature.getKey();
            if (name.isEmpty() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
                errors.add(new FieldError(field, "feature names must be 1 to " + MAX_NAME + " printable characters"));
            } else if (feature.getValue() == null || !Double.isFinite(feature.getValue())) {
                errors.add(new FieldError(field + "." + name, "must be a finite number"));
            }
        }
    }

    private static void checkLabel(String value, String field, List<FieldError> errors) {
        if (value != null && (value.isEmpty() || value.length() > MAX_LABEL || value.chars().anyMatch(Character::isISOControl))) {
            errors.add(new FieldError(field, "must be 1 to " + MAX_LABEL + " printable characters"));
        }
    }
}
