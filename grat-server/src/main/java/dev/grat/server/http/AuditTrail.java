package dev.grat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grat.InvalidInputException;
import dev.grat.NotFoundException;
import dev.grat.StoreException;
import dev.grat.server.audit.AuditEntry;
import dev.grat.server.audit.AuditLog;
import dev.grat.server.config.ApiKey;
import dev.grat.server.web.VisitorTokens;
import dev.grat.server.web.WebError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Records every call of a wrapped route in the {@link AuditLog}: the credential (its kind and a short fingerprint,
 * never the key), the action, the answer's status and the subject as a keyed pseudonym. The entry is written after
 * the handler ran, whatever its outcome, and before the answer leaves: a refused or failed access is recorded too.
 */
final class AuditTrail {

    private static final int FINGERPRINT_HEX_DIGITS = 12;
    private static final String BEARER = "bearer ";

    private final AuditLog log;
    private final Optional<ApiKey> secretKey;
    private final VisitorTokens tokens;
    private final Clock clock;

    AuditTrail(AuditLog log, Optional<ApiKey> secretKey, VisitorTokens tokens, Clock clock) {
        this.log = log;
        this.secretKey = secretKey;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** Whom a request is about, read from its path or body; null when it concerns no one or cannot be read. */
    @FunctionalInterface
    interface SubjectOf {
        Subject read(Request request) throws IOException;
    }

    /** A data subject by kind ({@code visitor}, {@code customer}) and id; the id never reaches the log. */
    record Subject(String kind, String id) {
    }

    AuditLog log() {
        return log;
    }

    /** The handler, recorded as {@code action}; {@code visitorToken} marks the {@code /v1/me} routes. */
    Handler audited(String action, boolean visitorToken, SubjectOf subjectOf, Handler handler) {
        return request -> {
            int status = 500;
            try {
                Response response = handler.handle(request);
                status = response.status();
                return response;
            } catch (RuntimeException | IOException failure) {
                status = statusOf(failure);
                throw failure;
            } finally {
                record(action, visitorToken, subjectOf, request, status);
            }
        };
    }

    /** Subject: the visitor of a path parameter. */
    static SubjectOf visitorInPath(String parameter) {
        return request -> new Subject("visitor", request.path(parameter));
    }

    /** Subject: the customer of a path parameter. */
    static SubjectOf customerInPath(String parameter) {
        return request -> new Subject("customer", request.path(parameter));
    }

    /** Subject: the visitor named by the {@code visitorId} field of the JSON body. */
    static SubjectOf visitorInBody() {
        return request -> {
            JsonNode id = request.json().get("visitorId");
            return id != null && id.isTextual() ? new Subject("visitor", id.asText()) : null;
        };
    }

    /** Subject: the visitor whose token is the {@code visitorToken} field of the body (only a valid token counts). */
    SubjectOf visitorOfToken() {
        return request -> {
            JsonNode token = request.json().get("visitorToken");
            return token != null && token.isTextual() ? new Subject("visitor", tokens.visitorOf(token.asText())) : null;
        };
    }

    /** No subject: operations on the whole log (retention, reading the audit log). */
    static SubjectOf nobody() {
        return request -> null;
    }

    private void record(String action, boolean visitorToken, SubjectOf subjectOf, Request request, int status) {
        Subject subject = subjectQuietly(subjectOf, request);
        String key = bearerKey(request);
        AuditEntry.Credential credential = secretKey.map(k -> k.matches(key)).orElse(false)
                ? AuditEntry.Credential.SECRET_KEY : AuditEntry.Credential.PUBLISHABLE_KEY;
        log.append(new AuditEntry(clock.instant(), credential, fingerprint(key), visitorToken, action, status,
                subject == null ? null : subject.kind(),
                subject == null ? null : log.pseudonyms().of(subject.kind(), subject.id())));
    }

    /** A malformed body or a bad token leaves the subject unknown; the handler has answered for it already. */
    private static Subject subjectQuietly(SubjectOf subjectOf, Request request) {
        try {
            return subjectOf.read(request);
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    private static String bearerKey(Request request) {
        String value = request.header("Authorization").map(String::trim).orElse("");
        return value.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? value.substring(BEARER.length()).trim() : "";
    }

    /** The first digits of the key's SHA-256: enough to tell keys apart, far too few to guess the key from. */
    private static String fingerprint(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, FINGERPRINT_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static int statusOf(Exception failure) {
        return switch (failure) {
            case HttpError error -> error.status();
            case WebError error -> error.status();
            case InvalidInputException _ -> 400;
            case NotFoundException _ -> 404;
            case StoreException _ -> 503;
            default -> 500;
        };
    }
}
