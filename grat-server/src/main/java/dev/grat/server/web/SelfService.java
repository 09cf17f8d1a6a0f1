package dev.grat.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grat.Grat;
import dev.grat.InvalidInputException;
import dev.grat.catalog.Identifiers;
import dev.grat.consent.ConsentChange;
import dev.grat.consent.ConsentReceipt;
import dev.grat.consent.ConsentRecord;
import dev.grat.event.FieldError;
import dev.grat.server.json.ConsentWire;
import dev.grat.server.json.Parsed;
import dev.grat.server.json.WireFormat;

import java.util.ArrayList;
import java.util.List;

/**
 * The visitor's own privacy routes, called by the snippet with the publishable key and the visitor's token:
 * give or change consent ({@code POST /v1/me/consent}), fetch its receipt ({@code POST /v1/me/consent/receipt}),
 * object to profiling ({@code POST /v1/me/objection}), restrict processing ({@code POST /v1/me/restriction}),
 * export ({@code POST /v1/me/export}) and erase ({@code POST /v1/me/erase}) their data. The token, not the visitor id, says whose data it is, so nobody reads
 * or deletes another visitor's data by knowing or guessing their id.
 *
 * <p>A token is issued only with a consent answer: for a visitor id that has no consent on record yet (its
 * first answer; the id is a fresh random UUID the browser made a moment ago), or with a valid token of that
 * same visitor. The token travels in the JSON body, never in a URL, and as the body of a {@code POST} it needs
 * no CORS header beyond the ones Grat already allows.
 */
public final class SelfService {

    private static final List<String> CONSENT_FIELDS = List.of("visitorId", "visitorToken", "purposes", "source",
            "policyVersion", "text");
    private static final List<String> FLAG_FIELDS = List.of("visitorToken", "active", "source");
    private static final List<String> TOKEN_FIELDS = List.of("visitorToken");

    private final Grat grat;
    private final WireFormat wire;
    private final VisitorTokens tokens;
    private final WebCounters counters;

    public SelfService(Grat grat, WireFormat wire, VisitorTokens tokens, WebCounters counters) {
        this.grat = grat;
        this.wire = wire;
        this.tokens = tokens;
        this.counters = counters;
    }

    /**
     * Records a consent answer and returns {@code {"visitorId", "visitorToken", "consent": {...}}}.
     *
     * @param globalPrivacyControl the request said {@code Sec-GPC: 1}: marketing is refused
     * @throws WebError 401 for a bad token; 403 when the visitor id already has consent on record and no token
     *                  of theirs came with the answer, or the token is another visitor's
     */
    public JsonNode consent(JsonNode node, boolean globalPrivacyControl) {
        JsonBody body = JsonBody.of(node, CONSENT_FIELDS);
        String visitorId = body.text("visitorId", true);
        String token = body.text("visitorToken", false);
        body.check();
        requireVisitorId(visitorId);
        Parsed<ConsentChange> change = wire.consent(body.without("visitorId", "visitorToken"), globalPrivacyControl);
        if (!change.isValid()) {
            throw new InvalidInputException(change.errors());
        }
        if (token != null) {
            if (!tokens.visitorOf(token).equals(visitorId)) {
                throw WebError.forbidden("visitorToken belongs to another visitor than visitorId");
            }
        } else if (!grat.consent(visitorId).history().isEmpty()) {
            throw WebError.forbidden(
                    "this visitor already gave a consent answer; send their visitorToken to change it");
        }
        ConsentRecord record = grat.setConsent(visitorId, change.value());
        ObjectNode answer = wire.mapper().createObjectNode();
        answer.put("visitorId", visitorId);
        answer.put("visitorToken", tokens.issue(visitorId));
        answer.set("consent", wire.toJson(record));
        counters.visitorTokenIssued();
        return answer;
    }

    /** The receipt of the token's visitor's current consent ({@code POST /v1/me/consent/receipt}). */
    public ConsentReceipt receipt(JsonNode node) {
        String visitorId = visitorOf(node);
        return grat.consentReceipt(visitorId)
                .orElseThrow(() -> WebError.notFound("no consent on record for this visitor"));
    }

    /** The token's visitor objects to profiling, or lifts it ({@code POST /v1/me/objection}, {@code "active"}). */
    public JsonNode objection(JsonNode node) {
        FlagOfVisitor flag = flagOf(node);
        return wire.toJson(grat.setObjection(flag.visitorId(), flag.request().active(), flag.request().source()));
    }

    /** The token's visitor restricts processing, or lifts it ({@code POST /v1/me/restriction}, {@code "active"}). */
    public JsonNode restriction(JsonNode node) {
        FlagOfVisitor flag = flagOf(node);
        return wire.toJson(grat.setRestriction(flag.visitorId(), flag.request().active(), flag.request().source()));
    }

    private record FlagOfVisitor(String visitorId, ConsentWire.FlagRequest request) {
    }

    private FlagOfVisitor flagOf(JsonNode node) {
        JsonBody body = JsonBody.of(node, FLAG_FIELDS);
        String token = body.text("visitorToken", false);
        body.check();
        String visitorId = tokens.visitorOf(token);
        Parsed<ConsentWire.FlagRequest> flag = new ConsentWire(wire.mapper()).flag(body.without("visitorToken"),
                "self-service");
        if (!flag.isValid()) {
            throw new InvalidInputException(flag.errors());
        }
        return new FlagOfVisitor(visitorId, flag.value());
    }

    /** Everything Grat keeps about the token's visitor, as {@code GET /v1/privacy/{visitorId}} returns it. */
    public JsonNode export(JsonNode node) {
        String visitorId = visitorOf(node);
        JsonNode export = wire.toJson(grat.export(visitorId));
        counters.selfServiceExport();
        return export;
    }

    /** Erases the token's visitor everywhere and returns the receipt. */
    public JsonNode erase(JsonNode node) {
        String visitorId = visitorOf(node);
        JsonNode receipt = wire.toJson(grat.erase(visitorId));
        counters.selfServiceErasure();
        return receipt;
    }

    private String visitorOf(JsonNode node) {
        JsonBody body = JsonBody.of(node, TOKEN_FIELDS);
        String token = body.text("visitorToken", false);
        body.check();
        return tokens.visitorOf(token);
    }

    private static void requireVisitorId(String visitorId) {
        List<FieldError> errors = new ArrayList<>();
        Identifiers.check(visitorId, "visitorId", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
