package dev.grat.server.web;

import dev.grat.catalog.Identifiers;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Visitor tokens: the credential a browser holds for its own visitor id, so that the self-service privacy
 * routes ({@code /v1/me/...}) answer only the visitor they belong to. A token is
 * {@code vt1.<visitor id, base64url>.<issued at, epoch seconds>.<HMAC-SHA256, base64url>}; the MAC covers the
 * visitor id and the time of issue. Grat issues one when a visitor first consents and a fresh one whenever the
 * visitor changes their consent with a valid token; a token is valid for {@link #LIFETIME}.
 */
public final class VisitorTokens {

    /** How long a token is valid after it was issued: as long as browsers keep first-party data (400 days). */
    public static final Duration LIFETIME = Duration.ofDays(400);

    private static final String PREFIX = "vt1";
    private static final String PURPOSE = "grat visitor token v1";
    private static final int MAX_LENGTH = 512;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SigningKey key;
    private final Clock clock;

    public VisitorTokens(SigningKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    /** A new token for the visitor id (which must be a valid id). */
    public String issue(String visitorId) {
        if (!Identifiers.isValid(visitorId)) {
            throw new IllegalArgumentException("not a valid visitor id");
        }
        String issued = Long.toString(clock.instant().getEpochSecond());
        byte[] mac = key.sign(PURPOSE, visitorId, issued);
        return PREFIX + "." + ENCODER.encodeToString(visitorId.getBytes(StandardCharsets.UTF_8)) + "." + issued + "."
                + ENCODER.encodeToString(mac);
    }

    /**
     * The visitor id the token was issued for.
     *
     * @throws WebError 401 when the token is malformed, forged or expired
     */
    public String visitorOf(String token) {
        if (token == null || token.isEmpty()) {
            throw WebError.unauthorized("visitorToken is required: the token Grat returned when the visitor consented");
        }
        String[] parts = token.length() > MAX_LENGTH ? new String[0] : token.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            throw WebError.unauthorized("visitorToken is not a Grat visitor token");
        }
        String visitorId = decodeText(parts[1]);
        long issuedAt = parseSeconds(parts[2]);
        byte[] mac = decode(parts[3]);
        if (!Identifiers.isValid(visitorId) || !key.verify(mac, PURPOSE, visitorId, parts[2])) {
            throw WebError.unauthorized("visitorToken is not valid: it was not issued by this server or was altered");
        }
        Instant issued = Instant.ofEpochSecond(issuedAt);
        if (issued.plus(LIFETIME).isBefore(clock.instant())) {
            throw WebError.unauthorized("visitorToken has expired; the visitor must consent again to get a new one");
        }
        return visitorId;
    }

    private static String decodeText(String part) {
        return new String(decode(part), StandardCharsets.UTF_8);
    }

    private static byte[] decode(String part) {
        try {
            return DECODER.decode(part);
        } catch (IllegalArgumentException e) {
            throw WebError.unauthorized("visitorToken is not a Grat visitor token");
        }
    }

    private static long parseSeconds(String part) {
        try {
            return Long.parseLong(part);
        } catch (NumberFormatException e) {
            throw WebError.unauthorized("visitorToken is not a Grat visitor token");
        }
    }
}
