package dev.grat.server.http;

import dev.grat.Grat;
import dev.grat.server.json.WireFormat;

import java.util.List;

/** {@code GET /v1/privacy/{visitorId}} exports everything about a visitor; {@code DELETE} erases it. */
final class PrivacyEndpoint {

    private final Grat grat;
    private final WireFormat wire;

    PrivacyEndpoint(Grat grat, WireFormat wire) {
        this.grat = grat;
        this.wire = wire;
    }

    Response export(Request request) {
        request.query().allowOnly(List.of());
        return Response.json(wire.mapper(), 200, wire.toJson(grat.export(request.path("visitorId"))));
    }

    Response erase(Request request) {
        request.query().allowOnly(List.of());
        return Response.json(wire.mapper(), 200, wire.toJson(grat.erase(request.path("visitorId"))));
    }
}
