package dev.grat.server.http;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A route path such as {@code /v1/consent/{visitorId}}: literal segments and named parameters, each parameter
 * matching exactly one non-empty segment. The template is what logs and metrics name, never the raw path.
 */
record PathTemplate(String template, List<String> segments) {

    PathTemplate {
        segments = List.copyOf(segments);
    }

    static PathTemplate of(String template) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("a path template starts with /, was " + template);
        }
        return new PathTemplate(template, split(template));
    }

    /** The decoded parameters when the raw (still percent-encoded) path matches, else empty. */
    Optional<Map<String, String>> match(String rawPath) {
        List<String> parts = split(rawPath);
        if (parts.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            String segment = segments.get(i);
            String part = parts.get(i);
            if (isParameter(segment)) {
                if (part.isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(segment.substring(1, segment.length() - 1), PercentDecoding.decode(part, false));
            } else if (!segment.equals(part)) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }

    private static boolean isParameter(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }

    private static List<String> split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.isEmpty()) {
            return List.of();
        }
        return List.of(trimmed.split("/", -1));
    }
}
