package dev.grat.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grat.Grat;
import dev.grat.decide.ContentVariant;
import dev.grat.server.json.Parsed;
import dev.grat.server.json.WireFormat;

import java.io.IOException;
import java.util.List;

/** {@code PUT /v1/content/{slot}} registers a slot's variants; {@code GET /v1/content/slots} lists them all. */
final class ContentAdminEndpoint {

    private final Grat grat;
    private final WireFormat wire;

    ContentAdminEndpoint(Grat grat, WireFormat wire) {
        this.grat = grat;
        this.wire = wire;
    }

    Response putSlot(Request request) throws IOException {
        Parsed<List<ContentVariant>> variants = wire.contentVariants(request.json());
        if (!variants.isValid()) {
            throw HttpError.badRequest("the content variants are invalid; nothing was stored", variants.errors());
        }
        String slot = request.path("slot");
        grat.putContent(slot, variants.value());
        ObjectNode json = wire.mapper().createObjectNode();
        json.put("slot", slot);
        ArrayNode array = json.putArray("variants");
        variants.value().forEach(variant -> array.add(wire.toJson(variant)));
        return Response.json(wire.mapper(), 200, json);
    }

    Response slots(Request request) {
        request.query().allowOnly(List.of());
        return Response.json(wire.mapper(), 200, wire.contentSlotsToJson(grat.contentSlots()));
    }
}
