package dev.grat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grat.Grat;
import dev.grat.NotFoundException;
import dev.grat.catalog.Item;
import dev.grat.event.FieldError;
import dev.grat.server.json.Parsed;
import dev.grat.server.json.WireFormat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code PUT /v1/items} (a batch, stored whole or not at all) and {@code GET /v1/items/{id}}. */
final class CatalogEndpoint {

    private final Grat grat;
    private final WireFormat wire;

    CatalogEndpoint(Grat grat, WireFormat wire) {
        this.grat = grat;
        this.wire = wire;
    }

    Response put(Request request) throws IOException {
        JsonNode array = BatchBodies.array(request.json(), "items", grat.settings().maxBatchSize());
        List<Item> items = new ArrayList<>(array.size());
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            Parsed<Item> parsed = wire.item(array.get(i));
            String prefix = "items[" + i + "]";
            if (parsed.isValid()) {
                items.add(parsed.value());
            } else {
                parsed.errors().forEach(error -> errors.add(new FieldError(
                        error.field().equals("item") ? prefix : prefix + "." + error.field(), error.message())));
            }
        }
        if (!errors.isEmpty()) {
            throw HttpError.badRequest("the batch has invalid items; nothing was stored", errors);
        }
        grat.putItems(items);
        return Response.json(wire.mapper(), 200, wire.mapper().createObjectNode().put("stored", items.size()));
    }

    Response get(Request request) {
        request.query().allowOnly(List.of());
        String id = request.path("id");
        Item item = grat.item(id).orElseThrow(() -> new NotFoundException("no item with id " + id));
        return Response.json(wire.mapper(), 200, wire.toJson(item));
    }
}
