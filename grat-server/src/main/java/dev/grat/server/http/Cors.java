package dev.grat.server.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cross-origin rules for browsers holding the publishable key. Only configured origins are ever named in
 * {@code Access-Control-Allow-Origin}; an origin that is not configured gets no CORS header at all, so the
 * browser refuses the answer.
 */
final class Cors {

    // Grat-Visitor-Token: the visitor's token on GET /v1/me/preferences, which has no body to carry it.
    private static final String ALLOWED_HEADERS = "Authorization, Content-Type, Grat-Visitor-Token";
    private static final String MAX_AGE_SECONDS = "600";

    private final List<String> allowedOrigins;

    Cors(List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins.stream().map(origin -> origin.toLowerCase(Locale.ROOT)).toList();
    }

    boolean isAllowed(String origin) {
        return origin != null && allowedOrigins.contains(origin.toLowerCase(Locale.ROOT));
    }

    /** Headers for an answer to a request from {@code origin}; empty unless the origin is configured. */
    Map<String, String> headersFor(String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Vary", "Origin");
        if (isAllowed(origin)) {
            headers.put("Access-Control-Allow-Origin", origin);
        }
        return headers;
    }

    /**
     * The answer to a preflight {@code OPTIONS} request for a route: 204 with the CORS headers when the origin
     * is configured and the route takes the publishable key, else 403 without them.
     */
    Response preflight(Route route, String origin) {
        if (!isAllowed(origin)) {
            throw HttpError.forbidden("cross-origin requests are not allowed from this origin;"
                    + " add it to allowed.origins to allow it");
        }
        if (route.access() == Access.SECRET) {
            throw HttpError.forbidden(route.method() + " " + route.template()
                    + " needs the secret key, which must not be used from a browser");
        }
        Map<String, String> headers = new LinkedHashMap<>(headersFor(origin));
        headers.put("Access-Control-Allow-Methods", route.method());
        headers.put("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        headers.put("Access-Control-Max-Age", MAX_AGE_SECONDS);
        return Response.noContent(headers);
    }
}
