package dev.grat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grat.Grat;
import dev.grat.event.FieldError;
import dev.grat.server.json.WireFormat;
import dev.grat.server.metrics.ServerMetrics;
import dev.grat.store.DeadLetter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /v1/dead-letters?limit=&after=} lists kept dead letters, oldest first, a page at a time;
 * {@code POST /v1/dead-letters/replay} with {@code {"ids": [...]}} replays them after a fix. Both need the secret key:
 * the payloads are personal data.
 */
final class DeadLetterEndpoint {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final int MAX_REPLAY = 1000;

    private final Grat grat;
    private final WireFormat wire;
    private final DeadLetterOffice office;
    private final ServerMetrics metrics;

    DeadLetterEndpoint(Grat grat, WireFormat wire, DeadLetterOffice office, ServerMetrics metrics) {
        this.grat = grat;
        this.wire = wire;
        this.office = office;
        this.metrics = metrics;
    }

    Response list(Request request) {
        request.query().allowOnly(List.of("limit", "after"));
        int limit = request.query().integer("limit", DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw HttpError.badParameter("limit", "must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        long after = after(request);
        List<DeadLetter> letters = grat.deadLetters().list(after, limit);
        ObjectNode body = wire.mapper().createObjectNode();
        ArrayNode array = body.putArray("deadLetters");
        letters.forEach(letter -> array.add(toJson(letter)));
        if (letters.size() == limit) {
            body.put("next", letters.getLast().id());
        } else {
            body.putNull("next");
        }
        body.put("total", grat.deadLetters().count());
        return Response.json(wire.mapper(), 200, body);
    }

    Response replay(Request request) throws IOException {
        request.query().allowOnly(List.of());
        List<Long> ids = ids(request.json());
        DeadLetterOffice.Replay replay = office.replay(ids);
        metrics.ingest().replayed(replay.replayed().size());
        ObjectNode body = wire.mapper().createObjectNode();
        ArrayNode replayed = body.putArray("replayed");
        replay.replayed().forEach(replayed::add);
        ArrayNode failed = body.putArray("stillRefused");
        replay.stillRefused().forEach((id, reason) -> failed.addObject().put("id", id).put("reason", reason));
        ArrayNode unknown = body.putArray("unknown");
        replay.unknown().forEach(unknown::add);
        return Response.json(wire.mapper(), 200, body);
    }

    private static long after(Request request) {
        String raw = request.query().get("after").orElse("0");
        try {
            long after = Long.parseLong(raw);
            if (after < 0) {
                throw HttpError.badParameter("after", "must not be negative, was " + after);
            }
            return after;
        } catch (NumberFormatException e) {
            throw HttpError.badParameter("after", "must be a whole number (the id of a dead letter), was \"" + raw
                    + "\"");
        }
    }

    private static List<Long> ids(JsonNode body) {
        JsonNode ids = body.isObject() ? body.get("ids") : null;
        if (!body.isObject() || body.size() != 1 || ids == null || !ids.isArray() || ids.isEmpty()) {
            throw HttpError.badRequest("the body must be {\"ids\": [...]} with at least one dead letter id",
                    List.of(new FieldError("ids", "is required: a non-empty array of dead letter ids")));
        }
        if (ids.size() > MAX_REPLAY) {
            throw HttpError.badRequest("at most " + MAX_REPLAY + " dead letters per replay",
                    List.of(new FieldError("ids", "holds " + ids.size() + " ids; at most " + MAX_REPLAY)));
        }
        List<Long> values = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            JsonNode id = ids.get(i);
            if (!id.canConvertToLong() || !id.isIntegralNumber() || id.longValue() < 1) {
                throw HttpError.badRequest("ids[" + i + "] is not a dead letter id",
                        List.of(new FieldError("ids[" + i + "]", "must be a positive whole number")));
            }
            values.add(id.longValue());
        }
        return values;
    }

    private ObjectNode toJson(DeadLetter letter) {
        ObjectNode node = wire.mapper().createObjectNode();
        node.put("id", letter.id());
        node.put("receivedAt", letter.receivedAt().toString());
        node.put("kind", letter.kind().wireName());
        node.put("reason", letter.reason());
        if (letter.visitorId() == null) {
            node.putNull("visitorId");
        } else {
            node.put("visitorId", letter.visitorId());
        }
        node.put("globalPrivacyControl", letter.globalPrivacyControl());
        node.put("truncated", letter.truncated());
        node.put("payload", letter.payload());
        return node;
    }
}
