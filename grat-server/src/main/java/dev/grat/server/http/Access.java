package dev.grat.server.http;

/** Which key a route needs. */
enum Access {
    /** No key: the health check and the landing page. */
    PUBLIC,
    /**
     * The publishable key from an allowed origin, or the secret key: sending events, setting consent and
     * reading decisions, the calls a shop's pages make from the browser.
     */
    PUBLISHABLE,
    /** The secret key only: catalog, content administration, privacy, metrics. */
    SECRET
}
