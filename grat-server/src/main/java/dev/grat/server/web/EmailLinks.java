package dev.grat.server.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Signed e-mail tracking tokens. An open token carries a recipient's visitor id and the campaign; a click token
 * also carries the link target. Each is {@code <payload, base64url>.<HMAC-SHA256, base64url>}: nobody can make
 * a token for another recipient or point a click token to another site (no open redirect), and no e-mail
 * address is ever in a URL: the recipient is known by their pseudonymous visitor id only.
 */
public final class EmailLinks {

    /** The longest link target accepted, so that the tracked URL stays within what mail clients handle. */
    public static final int MAX_TARGET_LENGTH = 2000;

    private static final String OPEN = "grat email open v1";
    private static final String CLICK = "grat email click v1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAX_TOKEN_LENGTH = 4096;

    private final SigningKey key;

    public EmailLinks(SigningKey key) {
        this.key = key;
    }

    /** What an open token says: whose pixel, which campaign. */
    public record Open(String visitorId, String campaign) {
    }

    /** What a click token says: who clicked, in which campaign, and where to send them. */
    public record Click(String visitorId, String campaign, URI target) {
    }

    public String openToken(String visitorId, String campaign) {
        return token(OPEN, visitorId, campaign);
    }

    /** A click token for a target checked by {@link #checkTarget(String)}. */
    public String clickToken(String visitorId, String campaign, URI target) {
        return token(CLICK, visitorId, campaign, target.toString());
    }

    public Open open(String token) {
        String[] parts = verified(token, OPEN, 2);
        return new Open(parts[0], parts[1]);
    }

    public Click click(String token) {
        String[] parts = verified(token, CLICK, 3);
        return new Click(parts[0], parts[1], URI.create(parts[2]));
    }

    /**
     * A link target as an absolute http or https URL without user info, or empty with the reason in
     * {@code problem}.
     */
    static Optional<URI> checkTarget(String target, StringBuilder problem) {
        if (target.length() > MAX_TARGET_LENGTH) {
            problem.append("must be at most ").append(MAX_TARGET_LENGTH).append(" characters");
            return Optional.empty();
        }
        try {
            URI uri = new URI(target);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                problem.append("must be an absolute http or https URL");
            } else if (uri.getHost() == null || uri.getRawUserInfo() != null) {
                problem.append("must name a host and no user info");
            } else {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            problem.append("is not a valid URL: ").append(e.getReason());
        }
        return Optional.empty();
    }

    private String token(String purpose, String... parts) {
        String payload = String.join("\n", parts);
        return ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + ENCODER.encodeToString(key.sign(purpose, parts));
    }

    private String[] verified(String token, String purpose, int partCount) {
        String[] halves = token.length() > MAX_TOKEN_LENGTH ? new String[0] : token.split("\\.", -1);
        if (halves.length != 2) {
            throw WebError.notFound("no such e-mail link");
        }
        try {
            String[] parts = new String(DECODER.decode(halves[0]), StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length == partCount && key.verify(DECODER.decode(halves[1]), purpose, parts)) {
                return parts;
            }
        } catch (IllegalArgumentException malformed) {
            // reported below like a forged token: the caller learns nothing about why
        }
        throw WebError.notFound("no such e-mail link");
    }
}
