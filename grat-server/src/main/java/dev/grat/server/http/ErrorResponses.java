package dev.grat.server.http;

import dev.grat.GratException;
import dev.grat.InvalidInputException;
import dev.grat.NotFoundException;
import dev.grat.StoreException;
import dev.grat.event.FieldError;
import dev.grat.server.json.WireFormat;
import dev.grat.server.log.JsonLog;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one place where errors become HTTP answers: {@code {"error": "...", "fields": [...]}}. Engine errors map by
 * kind; anything unexpected is a 500 with a generic message and an error id that is also logged, so that the
 * client can quote it and nothing of the server's internals reaches the client.
 */
final class ErrorResponses {

    private final WireFormat wire;
    private final JsonLog log;

    ErrorResponses(WireFormat wire, JsonLog log) {
        this.wire = wire;
        this.log = log;
    }

    /**
     * The answer for a failure of a request to {@code route} ({@code "unmatched"} when no route matched).
     */
    Response toResponse(Throwable failure, String method, String route) {
        return switch (failure) {
            case HttpError error -> json(error.status(), error.getMessage(), error.fields()).withHeaders(error.headers());
            case StoreException storeError -> storeUnavailable(storeError, method, route);
            case GratException engineError -> fromEngine(engineError);
            default -> unexpected(failure, method, route);
        };
    }

    private Response fromEngine(GratException error) {
        return switch (error) {
            case InvalidInputException invalid -> json(400, invalid.getMessage(), invalid.errors());
            case NotFoundException notFound -> json(404, notFound.getMessage(), List.of());
            case StoreException storeError -> throw new IllegalStateException("handled before", storeError);
        };
    }

    /** Storage trouble is usually passing: 503 with Retry-After, and the same logging as an unexpected failure. */
    private Response storeUnavailable(StoreException failure, String method, String route) {
        String errorId = logFailure(failure, method, route);
        return json(503, "the store is unavailable; retry in a moment (error id " + errorId + ")", List.of())
                .withHeaders(Map.of("Retry-After", "1"));
    }

    private Response unexpected(Throwable failure, String method, String route) {
        String errorId = logFailure(failure, method, route);
        return json(500, "internal error; quote error id " + errorId + " when reporting it", List.of());
    }

    private String logFailure(Throwable failure, String method, String route) {
        String errorId = UUID.randomUUID().toString();
        // The exception's message may quote input (ids, queries), so only its class and frames are logged.
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("errorId", errorId);
        fields.put("method", method);
        fields.put("route", route);
        fields.put("exception", failure.getClass().getName());
        fields.put("stack", Arrays.stream(failure.getStackTrace()).limit(20).map(StackTraceElement::toString).toList());
        if (failure.getCause() != null) {
            fields.put("cause", failure.getCause().getClass().getName());
        }
        log.error("request_failed", fields);
        return errorId;
    }

    private Response json(int status, String message, List<FieldError> fields) {
        return Response.json(wire.mapper(), status, wire.error(message, fields));
    }
}
