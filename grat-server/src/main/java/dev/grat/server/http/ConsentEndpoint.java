package dev.grat.server.http;

import dev.grat.Grat;
import dev.grat.consent.ConsentChange;
import dev.grat.consent.ConsentReceipt;
import dev.grat.server.json.ConsentWire;
import dev.grat.server.json.Parsed;
import dev.grat.server.json.WireFormat;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code PUT} and {@code GET /v1/consent/{visitorId}}: record a consent answer; read the state and its ledger. Both
 * need the secret key (server to server, e.g. a consent platform's backend): a browser records its own consent
 * through {@code POST /v1/me/consent}, bound to the visitor's token. Also the visitor's consent receipt
 * ({@code GET /v1/consent/{visitorId}/receipt}), the ledger's verification ({@code GET /v1/consent/ledger/verify}),
 * and objection and restriction ({@code PUT /v1/privacy/{visitorId}/objection|restriction}).
 */
final class ConsentEndpoint {

    private final Grat grat;
    private final WireFormat wire;
    private final ConsentWire consentWire;

    ConsentEndpoint(Grat grat, WireFormat wire) {
        this.grat = grat;
        this.wire = wire;
        this.consentWire = new ConsentWire(wire.mapper());
    }

    Response put(Request request) throws IOException {
        if (wire.isTcfConsent(request.json())) {
            Parsed<WireFormat.TcfConsent> tcf = wire.tcfConsent(request.json());
            if (!tcf.isValid()) {
                throw HttpError.badRequest("the TCF consent string is invalid", tcf.errors());
            }
            return Response.json(wire.mapper(), 200, wire.toJson(grat.setConsentFromTcf(request.path("visitorId"),
                    tcf.value().signal(), tcf.value().source(), request.globalPrivacyControl())));
        }
        Parsed<ConsentChange> change = wire.consent(request.json(), request.globalPrivacyControl());
        if (!change.isValid()) {
            throw HttpError.badRequest("the consent answer is invalid", change.errors());
        }
        return Response.json(wire.mapper(), 200,
                wire.toJson(grat.setConsent(request.path("visitorId"), change.value())));
    }

    Response get(Request request) {
        request.query().allowOnly(List.of());
        return Response.json(wire.mapper(), 200, wire.toJson(grat.consent(request.path("visitorId"))));
    }

    /** The receipt of the visitor's current consent; 404 when they never answered. */
    Response receipt(Request request) {
        request.query().allowOnly(List.of());
        String visitorId = request.path("visitorId");
        return receiptResponse(request, grat.consentReceipt(visitorId)
                .orElseThrow(() -> HttpError.notFound("no consent on record for this visitor")));
    }

    /** JSON, or a page a person can keep for {@code Accept: text/html}. */
    Response receiptResponse(Request request, ConsentReceipt receipt) {
        boolean html = request.header("Accept").map(accept -> accept.contains("text/html")).orElse(false);
        return html ? Response.text(200, "text/html; charset=utf-8", ReceiptPage.render(receipt))
                .withHeaders(Map.of("Content-Security-Policy", ReceiptPage.POLICY))
                : Response.json(wire.mapper(), 200, consentWire.toJson(receipt));
    }

    /** Recomputes the whole ledger's hash chain; 200 with {@code "valid": false} when it is broken. */
    Response verify(Request request) {
        request.query().allowOnly(List.of());
        return Response.json(wire.mapper(), 200, consentWire.toJson(grat.verifyConsentLedger()));
    }

    /** {@code PUT /v1/privacy/{visitorId}/objection} with {@code {"active": true|false}}. */
    Response objection(Request request) throws IOException {
        ConsentWire.FlagRequest flag = flag(request, "the objection is invalid");
        return Response.json(wire.mapper(), 200,
                wire.toJson(grat.setObjection(request.path("visitorId"), flag.active(), flag.source())));
    }

    /** {@code PUT /v1/privacy/{visitorId}/restriction} with {@code {"active": true|false}}. */
    Response restriction(Request request) throws IOException {
        ConsentWire.FlagRequest flag = flag(request, "the restriction is invalid");
        return Response.json(wire.mapper(), 200,
                wire.toJson(grat.setRestriction(request.path("visitorId"), flag.active(), flag.source())));
    }

    private ConsentWire.FlagRequest flag(Request request, String problem) throws IOException {
        request.query().allowOnly(List.of());
        Parsed<ConsentWire.FlagRequest> flag = consentWire.flag(request.json(), "privacy-api");
        if (!flag.isValid()) {
            throw HttpError.badRequest(problem, flag.errors());
        }
        return flag.value();
    }
}
