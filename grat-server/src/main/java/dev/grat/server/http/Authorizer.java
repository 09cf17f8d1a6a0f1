package dev.grat.server.http;

import dev.grat.server.config.ApiKey;

import java.util.Optional;

/**
 * Checks the key of a request against the route's {@link Access}: no key or an unknown key is 401, a known key
 * the route or origin does not allow is 403. Keys are compared in constant time.
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

    /**
     * Throws the {@link HttpError} that refuses the request, or returns when it may go on.
     *
     * @param authorization the {@code Authorization} header, or null
     * @param origin        the {@code Origin} header, or null
     */
    void check(Route route, String authorization, String origin) {
        if (route.access() == Access.PUBLIC) {
            return;
        }
        String key = bearerToken(authorization);
        // Both keys are always compared, so that timing does not tell which kind of key a guess resembles.
        boolean secret = secretKey.matches(key);
        boolean publishable = publishableKey.map(k -> k.matches(key)).orElse(false);
        if (secret) {
            return;
        }
        if (!publishable) {
            throw HttpError.unauthorized("unknown API key");
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

    private static String bearerToken(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw HttpError.unauthorized("an API key is required: send the header Authorization: Bearer <key>");
        }
        String value = authorization.trim();
        if (value.length() <= BEARER.length() || !value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw HttpError.unauthorized("the Authorization header must have the form Bearer <key>");
        }
        return value.substring(BEARER.length()).trim();
    }
}
