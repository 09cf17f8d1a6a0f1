package dev.grat.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grat.Grat;
import dev.grat.server.json.WireFormat;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/privacy/{visitorId}} exports everything about a visitor; {@code DELETE} erases it;
 * {@code DELETE /v1/privacy/customers/{customerId}} erases every visitor id of a known customer.
 */
final class PrivacyEndpoint {

    private final Grat grat;
    private final WireFormat wire;

    PrivacyEndpoint(Grat grat, WireFormat wire) {
        this.grat = grat;
        this.wire = wire;
    }

    /** JSON; a readable page for {@code Accept: text/html} (the same data). */
    Response export(Request request) {
        request.query().allowOnly(List.of());
        var export = wire.toJson(grat.export(request.path("visitorId")));
        boolean html = request.header("Accept").map(accept -> accept.contains("text/html")).orElse(false);
        return html ? Response.text(200, "text/html; charset=utf-8", ExportPage.render(export))
                .withHeaders(Map.of("Content-Security-Policy", ExportPage.POLICY))
                : Response.json(wire.mapper(), 200, export);
    }

    Response erase(Request request) {
        request.query().allowOnly(List.of());
        return Response.json(wire.mapper(), 200, wire.toJson(grat.erase(request.path("visitorId"))));
    }

    /** {@code DELETE /v1/privacy/customers/{customerId}}: every visitor id linked to the customer. */
    Response eraseCustomer(Request request) {
        request.query().allowOnly(List.of());
        String customerId = request.path("customerId");
        ObjectNode answer = wire.mapper().createObjectNode().put("customerId", customerId);
        ArrayNode receipts = answer.putArray("receipts");
        grat.eraseCustomer(customerId).forEach(receipt -> receipts.add(wire.toJson(receipt)));
        return Response.json(wire.mapper(), 200, answer);
    }
}
