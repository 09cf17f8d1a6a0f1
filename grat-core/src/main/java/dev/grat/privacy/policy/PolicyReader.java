package dev.grat.privacy.policy;

import dev.grat.InvalidInputException;
import dev.grat.consent.Purpose;
import dev.grat.event.EventType;
import dev.grat.event.FieldError;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a data policy from the tree a JSON or YAML parser makes of a policy file (maps, lists and strings), so that
 * the core checks the file without a parser of its own. Every error names its path: {@code categories[2].retention:
 * must be an ISO-8601 duration like P30D}. The format is documented in docs/PRIVACY.md and {@link PolicyWriter}
 * writes it.
 */
public final class PolicyReader {

    private static final Set<String> TOP = Set.of("version", "controller", "categories");
    private static final Set<String> CONTROLLER = Set.of("name", "contact");
    private static final Set<String> CATEGORY = Set.of("id", "description", "kind", "purposes", "legalBasis",
            "retention", "recipients", "eventTypes", "fields");

    private final List<FieldError> errors = new ArrayList<>();

    private PolicyReader() {
    }

    /**
     * The policy in {@code tree}.
     *
     * @throws InvalidInputException naming every field at fault by its path
     */
    public static DataPolicy read(Object tree) {
        return new PolicyReader().policy(tree);
    }

    private DataPolicy policy(Object tree) {
        Map<?, ?> root = object(tree, "(policy)");
        Map<?, ?> controller = root.get("controller") == null ? Map.of() : object(root.get("controller"), "controller");
        allowOnly(controller, CONTROLLER, "controller");
        allowOnly(root, TOP, "");
        String version = text(root.get("version"), "version");
        String name = text(controller.get("name"), "controller.name");
        String contact = text(controller.get("contact"), "controller.contact");
        List<DataCategory> categories = new ArrayList<>();
        List<?> list = list(root.get("categories"), "categories");
        for (int i = 0; i < list.size(); i++) {
            categories.add(category(list.get(i), "categories[" + i + "]"));
        }
        Set<String> reported = new HashSet<>();
        errors.forEach(error -> reported.add(error.field()));
        for (FieldError error : PolicyCheck.errors(version, name, contact, categories)) {
            if (reported.stream().noneMatch(field -> field.equals(error.field()) || field.startsWith(error.field() + "["))) {
                errors.add(error);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new DataPolicy(version, name, contact, categories);
    }

    private DataCategory category(Object node, String path) {
        Map<?, ?> map = object(node, path);
        allowOnly(map, CATEGORY, path + ".");
        Object kindNode = map.get("kind");
        DataKind kind = kindNode == null ? (map.get("eventTypes") == null ? DataKind.OTHER : DataKind.EVENTS)
                : named(kindNode, path + ".kind", DataKind::fromWire, DataKind.wireNames(), null);
        return new DataCategory(text(map.get("id"), path + ".id"), text(map.get("description"), path + ".description"),
                kind, names(map.get("purposes"), path + ".purposes", Purpose::fromWire, Purpose.wireNames()),
                text(map.get("legalBasis"), path + ".legalBasis"), retention(map.get("retention"), path + ".retention"),
                texts(map.get("recipients"), path + ".recipients"),
                names(map.get("eventTypes"), path + ".eventTypes", EventType::fromWire, EventType.wireNames()),
                texts(map.get("fields"), path + ".fields"));
    }

    private Duration retention(Object node, String path) {
        if (node == null) {
            return null;
        }
        String text = node instanceof String s ? s.trim() : null;
        try {
            return text == null ? fail(path) : Duration.parse(text);
        } catch (DateTimeParseException e) {
            return fail(path);
        }
    }

    private Duration fail(String path) {
        errors.add(new FieldError(path, "must be an ISO-8601 duration like P30D (days, hours, minutes, seconds;"
                + " a year is P365D)"));
        return Duration.ZERO;
    }

    private <T extends Enum<T>> Set<T> names(Object node, String path, Function<String, java.util.Optional<T>> lookup,
                                             String known) {
        Set<T> values = new HashSet<>();
        List<?> list = node == null ? List.of() : list(node, path);
        for (int i = 0; i < list.size(); i++) {
            T value = named(list.get(i), path + "[" + i + "]", lookup, known, null);
            if (value != null) {
                values.add(value);
            }
        }
        return values.isEmpty() ? Set.of() : EnumSet.copyOf(values);
    }

    private <T> T named(Object node, String path, Function<String, java.util.Optional<T>> lookup, String known,
                        T otherwise) {
        if (!(node instanceof String name)) {
            errors.add(new FieldError(path, "must be one of: " + known));
            return otherwise;
        }
        return lookup.apply(name).orElseGet(() -> {
            errors.add(new FieldError(path, "unknown value \"" + name + "\"; known: " + known));
            return otherwise;
        });
    }

    private List<String> texts(Object node, String path) {
        List<String> texts = new ArrayList<>();
        List<?> list = node == null ? List.of() : list(node, path);
        for (int i = 0; i < list.size(); i++) {
            String text = text(list.get(i), path + "[" + i + "]");
            if (text != null) {
                texts.add(text);
            }
        }
        return texts;
    }

    private String text(Object node, String path) {
        if (node == null || node instanceof String) {
            return (String) node;
        }
        if (node instanceof Number number) {
            // YAML reads an unquoted version such as 2 as a number
            return number.toString();
        }
        errors.add(new FieldError(path, "must be a string"));
        return null;
    }

    private Map<?, ?> object(Object node, String path) {
        if (node instanceof Map<?, ?> map) {
            return map;
        }
        errors.add(new FieldError(path, "must be an object"));
        return Map.of();
    }

    private List<?> list(Object node, String path) {
        if (node instanceof List<?> list) {
            return list;
        }
        if (node != null) {
            errors.add(new FieldError(path, "must be a list"));
        }
        return List.of();
    }

    private void allowOnly(Map<?, ?> map, Set<String> known, String prefix) {
        for (Object key : map.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                errors.add(new FieldError(prefix + key, "unknown field; known: " + String.join(", ", known.stream().sorted().toList())));
            }
        }
    }
}
