package dev.grat.server.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grat.decide.bandit.ApprenticeSettings;
import dev.grat.decide.bandit.PolicyConfig;
import dev.grat.decide.bandit.PolicyKind;
import dev.grat.event.FieldError;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A slot's or an experiment variant's policy on the wire:
 * {@code {"policy": "linucb", "exploration", "alpha", "noise", "draws", "dimension", "ridge", "interactions",
 * "action", "apprentice": true | {"alpha", "checkEvery"}}}; every field but {@code policy} is optional and has the
 * default of {@link PolicyConfig}. {@code action} is the fixed policy's action and only for it.
 */
final class PolicyWire {

    static final List<String> FIELDS = List.of("policy", "exploration", "alpha", "noise", "draws", "dimension", "ridge",
            "interactions", "action", "apprentice");
    private static final List<String> APPRENTICE_FIELDS = List.of("alpha", "checkEvery");

    private PolicyWire() {
    }

    /**
     * Reads the policy fields of an object already opened as {@code fields}. Range errors of the engine's
     * {@link PolicyConfig} are reported on the field that was set.
     */
    static Optional<PolicyConfig> read(JsonFields fields, List<FieldError> errors) {
        int before = errors.size();
        PolicyKind kind = fields.oneOf("policy", PolicyKind::fromWire, PolicyKind.wireNames());
        String action = fields.text("action");
        if (kind == null) {
            if (errors.size() == before) {
                fields.error("policy", "is required: one of " + PolicyKind.wireNames());
            }
            return Optional.empty();
        }
        if (kind == PolicyKind.FIXED && action == null) {
            fields.error("action", "is required for the fixed policy: the id of the action it always shows");
            return Optional.empty();
        }
        if (kind != PolicyKind.FIXED && action != null) {
            fields.error("action", "is only for the fixed policy, not " + kind.wireName());
        }
        PolicyConfig config = switch (kind) {
            case LINUCB -> PolicyConfig.linUcb();
            case THOMPSON -> PolicyConfig.thompson();
            case EPSILON_GREEDY -> PolicyConfig.epsilonGreedy();
            case RULE -> PolicyConfig.rule();
            case FIXED -> PolicyConfig.fixed(action);
        };
        config = apply(fields, "dimension", fields.integer("dimension"), config, PolicyConfig::withDimension);
        config = apply(fields, "interactions", fields.bool("interactions"), config, PolicyConfig::withInteractions);
        config = apply(fields, "exploration", number(fields, "exploration"), config, PolicyConfig::withExploration);
        config = apply(fields, "alpha", number(fields, "alpha"), config, PolicyConfig::withAlpha);
        config = apply(fields, "noise", number(fields, "noise"), config, PolicyConfig::withNoise);
        config = apply(fields, "draws", fields.integer("draws"), config, PolicyConfig::withDraws);
        config = apply(fields, "ridge", number(fields, "ridge"), config, PolicyConfig::withRidge);
        config = apply(fields, "apprentice", apprentice(fields, errors), config, PolicyConfig::withApprentice);
        return errors.size() == before ? Optional.of(config) : Optional.empty();
    }

    /** The configuration in the form it is read in, with every value spelled out. */
    static ObjectNode write(PolicyConfig config, ObjectNode json) {
        json.put("policy", config.kind().wireName());
        json.put("description", config.describe());
        if (config.fixedAction() != null) {
            json.put("action", config.fixedAction());
        }
        json.put("exploration", config.exploration());
        json.put("dimension", config.dimension());
        json.put("interactions", config.interactions());
        json.put("ridge", config.ridge());
        switch (config.kind()) {
            case LINUCB -> json.put("alpha", config.alpha());
            case THOMPSON -> json.put("noise", config.noise()).put("draws", config.draws());
            case EPSILON_GREEDY, RULE, FIXED -> { }
        }
        ApprenticeSettings apprentice = config.apprentice();
        if (apprentice == null) {
            json.putNull("apprentice");
        } else {
            json.putObject("apprentice").put("alpha", apprentice.alpha()).put("checkEvery", apprentice.checkEvery());
        }
        return json;
    }

    private static <T> PolicyConfig apply(JsonFields fields, String name, T value, PolicyConfig config,
                                          BiFunction<PolicyConfig, T, PolicyConfig> with) {
        if (value == null) {
            return config;
        }
        try {
            return with.apply(config, value);
        } catch (IllegalArgumentException e) {
            fields.error(name, e.getMessage());
            return config;
        }
    }

    private static Double number(JsonFields fields, String name) {
        var value = fields.decimal(name);
        return value == null ? null : value.doubleValue();
    }

    /** {@code true} for the default takeover test, {@code false} for none, or its settings. */
    private static ApprenticeSettings apprentice(JsonFields fields, List<FieldError> errors) {
        JsonNode node = fields.node("apprentice");
        if (node == null || (node.isBoolean() && !node.booleanValue())) {
            return null;
        }
        if (node.isBoolean()) {
            return ApprenticeSettings.defaults();
        }
        if (!node.isObject()) {
            fields.error("apprentice", "must be true, false or an object {\"alpha\", \"checkEvery\"}, was "
                    + JsonFields.describe(node));
            return null;
        }
        String path = fields.path("apprentice");
        Optional<JsonFields> read = JsonFields.of(node, path, path, APPRENTICE_FIELDS, errors);
        if (read.isEmpty()) {
            return null;
        }
        ApprenticeSettings defaults = ApprenticeSettings.defaults();
        Double alpha = number(read.get(), "alpha");
        Integer checkEvery = read.get().integer("checkEvery");
        return settings(read.get(), alpha == null ? defaults.alpha() : alpha,
                checkEvery == null ? defaults.checkEvery() : checkEvery);
    }

    private static ApprenticeSettings settings(JsonFields fields, double alpha, int checkEvery) {
        try {
            return new ApprenticeSettings(alpha, checkEvery);
        } catch (IllegalArgumentException e) {
            fields.error(e.getMessage().contains("checkEvery") ? "checkEvery" : "alpha", e.getMessage());
            return null;
        }
    }
}
