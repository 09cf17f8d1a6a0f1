package dev.grat.server.http;

/** Which key a route needs. */
enum Access {
    /** No key: the health check and the landing page. */
    PUBLIC,
    /**
     * The publishable key from an allowed origin, or the secret key: sending events, reading decisions and the
     * visitor's own {@code /v1/me} routes (which check the visitor's token as well), the calls a shop's pages make
     * from the browser. The publishable key is public (it is in every page), so a route open to it must not let
     * one visitor act on another's data by naming an id.
     */
    PUBLISHABLE,
    /**
     * The secret key only: catalog, content administration, privacy, metrics, and consent for a visitor id named
     * in the path ({@code PUT /v1/consent/{visitorId}}, for a consent platform's backend).
     */
    SECRET
}
