package dev.grat.server.http;

import dev.grat.Grat;
import dev.grat.consent.ConsentChange;
import dev.grat.server.json.Parsed;
import dev.grat.server.json.WireFormat;

import java.io.IOException;
import java.util.List;

/** {@code PUT} and {@code GET /v1/consent/{visitorId}}: record a consent answer; read the state and its ledger. */
final class ConsentEndpoint {

    private final Grat grat;
    private final WireFormat wire;

    ConsentEndpoint(Grat grat, WireFormat wire) {
        this.grat = grat;
        this.wire = wire;
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
}
