package dev.grat.server.web;

/**
 * A browser-facing request refused for a reason the HTTP layer renders with {@link #status()}: a visitor
 * token or e-mail token that is missing, forged, expired or for another visitor. The message names the problem
 * and never quotes a token.
 */
public final class WebError extends RuntimeException {

    private final int status;

    private WebError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** 401: no valid credential (a missing, malformed, forged or expired token). */
    static WebError unauthorized(String message) {
        return new WebError(401, message);
    }

    /** 403: a valid credential that does not allow this (a token of another visitor). */
    static WebError forbidden(String message) {
        return new WebError(403, message);
    }

    /** 404: nothing at this address (an e-mail link that is not one of ours). */
    static WebError notFound(String message) {
        return new WebError(404, message);
    }

    /** The HTTP status to answer with. */
    public int status() {
        return status;
    }
}
