package dev.grat.privacy.policy;

import dev.grat.event.FieldError;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The rules a {@link DataPolicy} must follow; every error names the field by its path in the policy file. */
final class PolicyCheck {

    private static final Pattern CATEGORY_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private PolicyCheck() {
    }

    static List<FieldError> errors(String version, String controllerName, String controllerContact,
                                   List<DataCategory> categories) {
        List<FieldError> errors = new ArrayList<>();
        requireText(version, "version", "must name the policy's version, e.g. 2026-01", errors);
        requireText(controllerName, "controller.name", "must name the controller (the shop)", errors);
        requireText(controllerContact, "controller.contact",
                "must say how to reach the controller or its data protection officer", errors);
        if (categories.isEmpty()) {
            errors.add(new FieldError("categories", "must declare at least one data category"));
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < categories.size(); i++) {
            String path = "categories[" + i + "]";
            DataCategory category = categories.get(i);
            if (category == null) {
                errors.add(new FieldError(path, "must be a data category"));
                continue;
            }
            check(category, path, errors);
            Integer first = category.id() == null ? null : seen.putIfAbsent(category.id(), i);
            if (first != null) {
                errors.add(new FieldError(path + ".id", "\"" + category.id() + "\" is already the id of categories["
                        + first + "]; ids must be unique"));
            }
        }
        return errors;
    }

    private static void check(DataCategory category, String path, List<FieldError> errors) {
        if (category.id() == null || !CATEGORY_ID.matcher(category.id()).matches()) {
            errors.add(new FieldError(path + ".id", "must be 1 to 64 lower-case letters, digits and dashes, e.g."
                    + " interaction-events"));
        }
        requireText(category.description(), path + ".description", "must say what the data is", errors);
        if (category.kind() == null) {
            errors.add(new FieldError(path + ".kind", "must be one of: " + DataKind.wireNames()));
        }
        if (category.purposes().isEmpty()) {
            errors.add(new FieldError(path + ".purposes", "must name at least one purpose"));
        }
        requireText(category.legalBasis(), path + ".legalBasis",
                "must state the legal basis, e.g. Consent (GDPR art. 6(1)(a))", errors);
        if (category.retention() == null) {
            errors.add(new FieldError(path + ".retention", "must be an ISO-8601 duration like P30D"));
        } else if (category.retention().isNegative() || category.retention().isZero()) {
            errors.add(new FieldError(path + ".retention", "must be positive, was " + category.retention()));
        }
        checkFields(category, path, errors);
    }

    private static void checkFields(DataCategory category, String path, List<FieldError> errors) {
        for (int j = 0; j < category.fields().size(); j++) {
            String field = category.fields().get(j);
            if (!EventField.isDeclarable(field)) {
                errors.add(new FieldError(path + ".fields[" + j + "]", "unknown event field \"" + field
                        + "\"; declarable fields: " + EventField.declarableNames()));
            }
        }
        if (category.eventTypes().isEmpty() && !category.fields().isEmpty()) {
            errors.add(new FieldError(path + ".eventTypes", "must name the event types its fields belong to"));
        }
        if (category.eventTypes().isEmpty() && category.kind() == DataKind.EVENTS) {
            errors.add(new FieldError(path + ".eventTypes", "must name at least one event type for kind events"));
        }
    }

    private static void requireText(String value, String field, String message, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, message));
        }
    }
}
