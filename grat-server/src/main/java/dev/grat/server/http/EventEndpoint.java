package dev.grat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grat.Grat;
import dev.grat.event.Channel;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.event.FieldError;
import dev.grat.event.IngestResult;
import dev.grat.event.Rejection;
import dev.grat.event.TrackContext;
import dev.grat.server.json.Parsed;
import dev.grat.server.json.WireFormat;
import dev.grat.server.metrics.ServerMetrics;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /v1/events}: a batch {@code {"events": [...]}}. Events that cannot be read are rejected here, the
 * others go to the engine, which rejects the invalid ones; both kinds of rejection come back in one list, by the
 * event's index in the batch.
 */
final class EventEndpoint {

    private final Grat grat;
    private final WireFormat wire;
    private final ServerMetrics metrics;

    EventEndpoint(Grat grat, WireFormat wire, ServerMetrics metrics) {
        this.grat = grat;
        this.wire = wire;
        this.metrics = metrics;
    }

    Response track(Request request) throws IOException {
        JsonNode array = BatchBodies.array(request.json(), "events", grat.settings().maxBatchSize());
        List<Event> readable = new ArrayList<>(array.size());
        List<Integer> batchIndex = new ArrayList<>(array.size());
        List<Rejection> rejected = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode node = array.get(i);
            Parsed<Event> parsed = wire.event(node);
            if (parsed.isValid()) {
                readable.add(parsed.value());
                batchIndex.add(i);
            } else {
                rejected.add(new Rejection(i, textOrNull(node, "id"), summarize(parsed.errors())));
                metrics.eventRejected(typeLabel(node), channelLabel(node));
            }
        }
        // An empty batch goes to the engine, which refuses it; a batch with nothing readable left does not.
        IngestResult result = readable.isEmpty() && !array.isEmpty()
                ? new IngestResult(0, 0, 0, 0, List.of())
                : grat.track(readable, new TrackContext(request.globalPrivacyControl()));
        Set<Integer> rejectedByEngine = new HashSet<>();
        for (Rejection rejection : result.rejected()) {
            rejectedByEngine.add(rejection.index());
            rejected.add(new Rejection(batchIndex.get(rejection.index()), rejection.id(), rejection.error()));
            Event event = readable.get(rejection.index());
            metrics.eventRejected(label(event.type()), label(event.channel()));
        }
        for (int i = 0; i < readable.size(); i++) {
            if (!rejectedByEngine.contains(i)) {
                metrics.eventAccepted(label(readable.get(i).type()), label(readable.get(i).channel()));
            }
        }
        rejected.sort(Comparator.comparingInt(Rejection::index));
        IngestResult merged = new IngestResult(result.accepted(), result.duplicates(), result.personal(),
                result.anonymous(), rejected);
        return Response.json(wire.mapper(), 200, wire.toJson(merged));
    }

    /** One rejection per event: the first problem names the field, the others are appended to the message. */
    private static FieldError summarize(List<FieldError> errors) {
        FieldError first = errors.getFirst();
        if (errors.size() == 1) {
            return first;
        }
        StringBuilder message = new StringBuilder(first.message());
        errors.subList(1, errors.size()).forEach(error -> message.append("; ").append(error));
        return new FieldError(first.field(), message.toString());
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /** Metric labels come only from the fixed vocabularies, never from input. */
    private static String typeLabel(JsonNode node) {
        String type = textOrNull(node, "type");
        return type == null ? ServerMetrics.UNKNOWN : EventType.fromWire(type).map(EventType::wireName)
                .orElse(ServerMetrics.UNKNOWN);
    }

    private static String channelLabel(JsonNode node) {
        String channel = textOrNull(node, "channel");
        return channel == null ? ServerMetrics.UNKNOWN : Channel.fromWire(channel).map(Channel::wireName)
                .orElse(ServerMetrics.UNKNOWN);
    }

    private static String label(EventType type) {
        return type == null ? ServerMetrics.UNKNOWN : type.wireName();
    }

    private static String label(Channel channel) {
        return channel == null ? ServerMetrics.UNKNOWN : channel.wireName();
    }
}
