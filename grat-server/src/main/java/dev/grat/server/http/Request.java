package dev.grat.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;

import java.io.CharConversionException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One request as a handler sees it: path parameters, query parameters, headers and the body. */
final class Request {

    private final String method;
    private final Map<String, String> pathParameters;
    private final QueryParameters query;
    private final Headers headers;
    private final byte[] body;
    private final ObjectMapper mapper;

    Request(String method, Map<String, String> pathParameters, QueryParameters query, Headers headers, byte[] body,
            ObjectMapper mapper) {
        this.method = method;
        this.pathParameters = Map.copyOf(pathParameters);
        this.query = query;
        this.headers = headers;
        this.body = body;
        this.mapper = mapper;
    }

    String method() {
        return method;
    }

    /** A parameter of the route's path, e.g. {@code visitorId} of {@code /v1/consent/{visitorId}}, decoded. */
    String path(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalStateException("the route has no path parameter " + name);
        }
        return value;
    }

    QueryParameters query() {
        return query;
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.getFirst(name));
    }

    /** True when the request carries {@code Sec-GPC: 1} (Global Privacy Control). */
    boolean globalPrivacyControl() {
        return header("Sec-GPC").map(String::trim).filter("1"::equals).isPresent();
    }

    /** The body as JSON: 415 unless it is declared as JSON, 400 when empty or malformed. */
    JsonNode json() throws IOException {
        jsonBytes();
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw HttpError.badRequest("the request body is empty; expected a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw HttpError.badRequest("the request body is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        } catch (CharConversionException e) {
            // Jackson guesses UTF-16/32 from leading zero bytes and then meets bytes that are no character there
            // (found by ApiFuzzTest); the body is in memory, so this is never a failure of the connection.
            throw HttpError.badRequest("the request body is not valid JSON: it is not UTF-8 text");
        }
    }

    /**
     * The body, declared as JSON but not parsed, for a handler that streams it: 415 unless it is declared as JSON,
     * 400 when empty. Not a copy: the caller must not change it.
     */
    byte[] jsonBytes() {
        String contentType = header("Content-Type").orElse("");
        if (!isJson(contentType)) {
            throw HttpError.unsupportedMediaType("the request body must be JSON with Content-Type: application/json"
                    + (contentType.isEmpty() ? "; no Content-Type was sent" : "; was " + contentType));
        }
        if (body.length == 0) {
            throw HttpError.badRequest("the request body is empty; expected a JSON object");
        }
        return body;
    }

    private static boolean isJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || (mediaType.startsWith("application/")
                && mediaType.endsWith("+json"));
    }

    /** The query parameters of a request, each given at most once. */
    static final class QueryParameters {

        private final Map<String, String> values;

        QueryParameters(Map<String, String> values) {
            this.values = Map.copyOf(values);
        }

        /** Refuses parameters the route does not know, so that a misspelt name is reported, not ignored. */
        QueryParameters allowOnly(List<String> known) {
            for (String name : values.keySet()) {
                if (!known.contains(name)) {
                    throw HttpError.badParameter(name, "unknown parameter; expected one of: " + String.join(", ", known));
                }
            }
            return this;
        }

        /** The value, or empty when absent or empty. */
        Optional<String> get(String name) {
            return Optional.ofNullable(values.get(name)).filter(value -> !value.isEmpty());
        }

        String required(String name) {
            return get(name).orElseThrow(() -> HttpError.badParameter(name, "is required"));
        }

        int integer(String name, int defaultValue) {
            Optional<String> value = get(name);
            if (value.isEmpty()) {
                return defaultValue;
            }
            try {
                return Integer.parseInt(value.get());
            } catch (NumberFormatException e) {
                throw HttpError.badParameter(name, "must be a whole number, was \"" + value.get() + "\"");
            }
        }

        double decimal(String name, double defaultValue) {
            Optional<String> value = get(name);
            if (value.isEmpty()) {
                return defaultValue;
            }
            try {
                double parsed = Double.parseDouble(value.get());
                if (!Double.isFinite(parsed)) {
                    throw new NumberFormatException();
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw HttpError.badParameter(name, "must be a number, was \"" + value.get() + "\"");
            }
        }

        boolean bool(String name, boolean defaultValue) {
            Optional<String> value = get(name);
            if (value.isEmpty()) {
                return defaultValue;
            }
            return switch (value.get()) {
                case "true" -> true;
                case "false" -> false;
                default -> throw HttpError.badParameter(name, "must be true or false, was \"" + value.get() + "\"");
            };
        }
    }
}
