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
        if (!plainId(request.visitorId())) {
            Identifiers.check(request.visitorId(), "visitorId", errors);
        }
        if (!plainId(request.slot())) {
            Identifiers.check(request.slot(), "slot", errors);
        }
        List<Candidate> candidates = request.candidates();
        if (candidates.isEmpty() || candidates.size() > maxCandidates) {
            errors.add(new FieldError("candidates", "must hold 1 to " + maxCandidates + " candidates, has " + candidates.size()));
        }
        Set<String> ids = HashSet.newHashSet(candidates.size());
        for (int i = 0; i < candidates.size() && i < maxCandidates; i++) {
            Candidate candidate = candidates.get(i);
            boolean fresh = candidate.id() == null || ids.add(candidate.id());
            if (fresh && plainId(candidate.id()) && candidate.features().size() <= Candidate.MAX_FEATURES
                    && candidate.features().plain(DecisionRequests::plainFeatures)) {
                continue; // the common case, checked without building field paths
            }
            String prefix = "candidates[" + i + "]";
            Identifiers.check(candidate.id(), prefix + ".id", errors);
            if (!fresh) {
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

    /**
     * Whether an id certainly passes {@link Identifiers#check}: 1 to 128 ASCII letters, digits and {@code . _ - :}
     * (a subset of what it allows, so anything else goes through the full check and its message).
     */
    private static boolean plainId(String id) {
        if (id == null || id.isEmpty() || id.length() > Identifiers.MAX_LENGTH) {
            return false;
        }
        for (int k = 0; k < id.length(); k++) {
            char c = id.charAt(k);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alphanumeric && c != '.' && c != '_' && c != '-' && c != ':') {
                return false;
            }
        }
        return true;
    }

    /** Whether every feature has a valid name and a finite value (what {@link #checkFeatures} would accept). */
    private static boolean plainFeatures(Features features) {
        for (int k = 0; k < features.size(); k++) {
            if (!validName(features.name(k)) || !Double.isFinite(features.value(k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean validName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME) {
            return false;
        }
        for (int k = 0; k < name.length(); k++) {
            if (Character.isISOControl(name.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static void checkFeatures(Map<String, Double> features, String field, List<FieldError> errors) {
        for (Map.Entry<String, Double> feature : features.entrySet()) {
            String name = feature.getKey();
            if (!validName(name)) {
                errors.add(new FieldError(field, "feature names must be 1 to " + MAX_NAME + " printable characters"));
            } else if (feature.getValue() == null || !Double.isFinite(feature.getValue())) {
                errors.add(new FieldError(field + "." + name, "must be a finite number"));
            }
        }
    }

    private static void checkLabel(String value, String field, List<FieldError> errors) {
        if (value != null && (value.isEmpty() || value.length() > MAX_LABEL || hasControlCharacter(value))) {
            errors.add(new FieldError(field, "must be 1 to " + MAX_LABEL + " printable characters"));
        }
    }

    /** A loop rather than {@code chars().anyMatch}, which allocated a stream on every decision request. */
    private static boolean hasControlCharacter(String value) {
        for (int k = 0; k < value.length(); k++) {
            if (Character.isISOControl(value.charAt(k))) {
                return true;
            }
        }
        return false;
    }
}
