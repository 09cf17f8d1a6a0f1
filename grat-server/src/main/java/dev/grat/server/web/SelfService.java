package dev.grat.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grat.Grat;
import dev.grat.InvalidInputException;
import dev.grat.catalog.Identifiers;
import dev.grat.consent.ConsentChange;
import dev.grat.consent.ConsentRecord;
import dev.grat.event.FieldError;
import dev.grat.server.json.Parsed;
import dev.grat.server.json.WireFormat;

import java.util.ArrayList;
import java.util.List;

/**
 * The visitor's own privacy routes, called by the snippet with the publishable key and the visitor's token:
 * give or change consent ({@code POST /v1/me/consent}), export ({@code POST /v1/me/export}) and erase
 * ({@code POST /v1/me/erase}) their data. The token, not the visitor id, says whose data it is, so nobody reads
 * or deletes another visitor's data by knowing or guessing their id.
 *
 * <p>A token is issued only with a consent answer: for a visitor id that has no consent on record yet (its
 * first answer; the id is a fresh random UUID the browser made a moment ago), or with a valid token of that
 * same visitor. The token travels in the JSON body, never in a URL, and as the body of a {@code POST} it needs
 * no CORS header beyond the ones Grat already allows.
 */
public final class SelfService {

    private static final List<String> CONSENT_FIELDS = List.of("visitorId", "visitorToken", "purposes", "source",
            "policyVersion");
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
