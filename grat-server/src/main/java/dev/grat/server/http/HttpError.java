package dev.grat.server.http;

import dev.grat.event.FieldError;

import java.util.List;
import java.util.Map;

/**
 * A request the server refuses before or outside the engine: missing key, unknown route, wrong content type,
 * body too large, malformed JSON. Rendered by {@link ErrorResponses} like every other error.
 */
final class HttpError extends RuntimeException {

    private final int status;
    private final List<FieldError> fields;
    private final Map<String, String> headers;

    HttpError(int status, String message, List<FieldError> fields, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.fields = List.copyOf(fields);
        this.headers = Map.copyOf(headers);
    }

    static HttpError badRequest(String message) {
        return new HttpError(400, message, List.of(), Map.of());
    }

    static HttpError badRequest(String message, List<FieldError> fields) {
        return new HttpError(400, message, fields, Map.of());
    }

    /** A query parameter that is missing, malformed or unknown. */
    static HttpError badParameter(String name, String message) {
        return new HttpError(400, "invalid query parameter " + name + ": " + message,
                List.of(new FieldError(name, message)), Map.of());
    }

    static HttpError unauthorized(String message) {
        return new HttpError(401, message, List.of(), Map.of("WWW-Authenticate", "Bearer"));
    }

    static HttpError forbidden(String message) {
        return new HttpError(403, message, List.of(), Map.of());
    }

    static HttpError notFound(String message) {
        return new HttpError(404, message, List.of(), Map.of());
    }

    static HttpError methodNotAllowed(String message, String allow) {
        return new HttpError(405, message, List.of(), Map.of("Allow", allow));
    }

    static HttpError tooLarge(String message) {
        return new HttpError(413, message, List.of(), Map.of());
    }

    static HttpError unsupportedMediaType(String message) {
        return new HttpError(415, message, List.of(), Map.of());
    }

    int status() {
        return status;
    }

    List<FieldError> fields() {
        return fields;
    }

    Map<String, String> headers() {
        return headers;
    }
}
