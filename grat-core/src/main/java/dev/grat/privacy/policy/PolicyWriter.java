package dev.grat.privacy.policy;

import dev.grat.consent.Purpose;
import dev.grat.event.EventType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a data policy as the tree of a policy file (ordered maps, lists and strings) that a JSON or YAML writer
 * turns into text; {@link PolicyReader} reads it back to an equal policy.
 */
public final class PolicyWriter {

    private PolicyWriter() {
    }

    public static Map<String, Object> tree(DataPolicy policy) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", policy.version());
        Map<String, Object> controller = new LinkedHashMap<>();
        controller.put("name", policy.controllerName());
        controller.put("contact", policy.controllerContact());
        root.put("controller", controller);
        List<Object> categories = new ArrayList<>();
        policy.categories().forEach(category -> categories.add(tree(category)));
        root.put("categories", categories);
        return root;
    }

    private static Map<String, Object> tree(DataCategory category) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", category.id());
        map.put("description", category.description());
        map.put("kind", category.kind().wireName());
        map.put("purposes", category.purposes().stream().sorted().map(Purpose::wireName).toList());
        map.put("legalBasis", category.legalBasis());
        map.put("retention", iso(category.retention()));
        map.put("recipients", category.recipients());
        if (!category.eventTypes().isEmpty()) {
            map.put("eventTypes", category.eventTypes().stream().sorted(Comparator.naturalOrder())
                    .map(EventType::wireName).toList());
            map.put("fields", category.fields());
        }
        return map;
    }

    /** Whole days as {@code P395D} (what people write); anything else in the JDK's form ({@code PT36H}). */
    public static String iso(Duration duration) {
        return duration.toSeconds() % 86_400 == 0 && duration.getNano() == 0
                ? "P" + duration.toDays() + "D" : duration.toString();
    }
}
