package dev.grat.server.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The headers every answer carries, whatever route or error produced it. A handler's own header of the same name
 * wins (a page with its own, stricter or page-specific Content-Security-Policy; a cacheable static file).
 *
 * <ul>
 *   <li>{@code Content-Security-Policy}: for JSON and other non-page answers nothing may load at all; for an HTML
 *       page without its own policy only same-origin styles and images, no scripts, no framing.</li>
 *   <li>{@code X-Frame-Options: DENY} for browsers without {@code frame-ancestors}.</li>
 *   <li>{@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy: no-referrer} (a URL can carry a visitor
 *       id), {@code Cache-Control: no-store} (answers hold personal data).</li>
 * </ul>
 * The JDK's HTTP server sends no {@code Server} header, so there is no banner to remove.
 */
final class SecurityHeaders {

    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    static final String PAGE_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none';"
            + " form-action 'none'; frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    /** The common headers for {@code response}, with the response's own headers applied over them. */
    static Map<String, String> forResponse(Response response, Map<String, String> cors) {
        Map<String, String> headers = new LinkedHashMap<>(cors);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Content-Security-Policy", isPage(response) ? PAGE_POLICY : API_POLICY);
        headers.put("Cache-Control", "no-store");
        headers.putAll(response.headers());
        return headers;
    }

    private static boolean isPage(Response response) {
        return response.contentType() != null
                && response.contentType().toLowerCase(Locale.ROOT).startsWith("text/html");
    }
}
