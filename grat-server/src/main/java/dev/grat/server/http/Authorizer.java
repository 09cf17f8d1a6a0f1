package dev.grat.server.http;

import dev.grat.server.config.ApiKey;

import java.util.Optional;

/**
 * Checks the key of a request against the route's {@link Access}: no key or an unknown key is 401, a known key
 * the route or origin does not allow is 403. Keys are compared in constant time, as digests ({@link ApiKey}).
 */
final class Authorizer {

    private static final String BEARER = "bearer ";

    private final ApiKey secretKey;
    private final Optional<ApiKey> publishableKey;
    private final Cors cors;

    Authorizer(ApiKey secretKey, Optional<ApiKey> publishableKey, Cors cors) {
        this.secretKey = secretKey;
        this.publishableKey = publishableKey;
        this.cors = cors;
    }

    /** Which key a request presented: looked at once per request, before the rate limits and the route. */
    record Caller(Kind kind, String refusal) {

        /** The kinds of caller; {@code NONE} covers no key, a malformed header and an unknown key alike. */
        enum Kind { SECRET, PUBLISHABLE, NONE }

        static final Caller SECRET_KEY = new Caller(Kind.SECRET, null);
        static final Caller PUBLISHABLE_KEY = new Caller(Kind.PUBLISHABLE, null);

        static Caller none(String refusal) {
            return new Caller(Kind.NONE, refusal);
        }
    }

    /**
     * The caller of a request by its {@code Authorization} header (null when absent). Never throws: a request
     * without a valid key may still be for a public route.
     */
    Caller identify(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Caller.none("an API key is required: send the header Authorization: Bearer <key>");
        }
        String value = authorization.trim();
        if (value.length() <= BEARER.length() || !value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Caller.none("the Authorization header must have the form Bearer <key>");
        }
        String key = value.substring(BEARER.length()).trim();
        // Both keys are always compared, so that timing does not tell which kind of key a guess resembles.
        boolean secret = secretKey.matches(key);
        boolean publishable = publishableKey.map(k -> k.matches(key)).orElse(false);
        if (secret) {
            return Caller.SECRET_KEY;
        }
        return publishable ? Caller.PUBLISHABLE_KEY : Caller.none("unknown API key");
    }

    /**
     * Throws the {@link HttpError} that refuses the request, or returns when it may go on.
     *
     * @param origin the {@code Origin} header, or null
     */
    void check(Route route, Caller caller, String origin) {
        if (route.access() == Access.PUBLIC || caller.kind() == Caller.Kind.SECRET) {
            return;
        }
        if (caller.kind() == Caller.Kind.NONE) {
            throw HttpError.unauthorized(caller.refusal());
        }
        if (route.access() != Access.PUBLISHABLE) {
            throw HttpError.forbidden("the publishable key may not call " + route.method() + " " + route.template()
                    + "; this endpoint needs the secret key");
        }
        if (!cors.isAllowed(origin)) {
            throw HttpError.forbidden(origin == null
                    ? "the publishable key is accepted only from a browser on an allowed origin; this request has no Origin"
                    : "the publishable key is not accepted from this origin; add it to allowed.origins to allow it");
        }
    }
}
