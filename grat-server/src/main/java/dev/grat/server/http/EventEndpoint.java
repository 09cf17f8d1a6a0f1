package dev.grat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grat.Grat;
import dev.grat.InvalidInputException;
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
 * event's index in the batch. Every refused event, and a body that is no readable batch, is kept as a dead letter
 * ({@link DeadLetterOffice}) and counted ({@code ServerMetrics#ingest()}).
 */
final class EventEndpoint {

    private final Grat grat;
    private final WireFormat wire;
    private final ServerMetrics metrics;
    private final DeadLetterOffice deadLetters;

    EventEndpoint(Grat grat, WireFormat wire, ServerMetrics metrics, DeadLetterOffice deadLetters) {
        this.grat = grat;
        this.wire = wire;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
    }

    Response track(Request request) throws IOException {
        JsonNode array;
        try {
            array = BatchBodies.array(request.json(), "events", grat.settings().maxBatchSize());
        } catch (HttpError unreadable) {
            throw keepUnreadable(request, unreadable);
        }
        List<Event> readable = new ArrayList<>(array.size());
        List<Integer> batchIndex = new ArrayList<>(array.size());
        List<Rejection> rejected = new ArrayList<>();
        List<DeadLetterOffice.Refused> refused = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode node = array.get(i);
            Parsed<Event> parsed = wire.event(node);
            if (parsed.isValid()) {
                readable.add(parsed.value());
                batchIndex.add(i);
            } else {
                refused.add(new DeadLetterOffice.Refused(node, summarize(parsed.errors())));
                rejected.add(new Rejection(i, textOrNull(node, "id"), summarize(parsed.errors())));
                metrics.eventRejected(typeLabel(node), channelLabel(node));
            }
        }
        // An empty batch goes to the engine, which refuses it; a batch with nothing readable left does not.
        IngestResult result = readable.isEmpty() && !array.isEmpty()
                ? new IngestResult(0, 0, 0, 0, List.of())
                : trackOrKeep(request, readable);
        Set<Integer> rejectedByEngine = new HashSet<>();
        for (Rejection rejection : result.rejected()) {
            rejectedByEngine.add(rejection.index());
            rejected.add(new Rejection(batchIndex.get(rejection.index()), rejection.id(), rejection.error()));
            refused.add(new DeadLetterOffice.Refused(array.get(batchIndex.get(rejection.index())), rejection.error()));
            Event event = readable.get(rejection.index());
            metrics.eventRejected(label(event.type()), label(event.channel()));
        }
        for (int i = 0; i < readable.size(); i++) {
            if (!rejectedByEngine.contains(i)) {
                metrics.eventAccepted(label(readable.get(i).type()), label(readable.get(i).channel()));
            }
        }
        rejected.sort(Comparator.comparingInt(Rejection::index));
        int kept = deadLetters.keepEvents(refused, request.globalPrivacyControl());
        metrics.ingest().record(result.accepted(), result.duplicates(), kept, refused.size() - kept);
        IngestResult merged = new IngestResult(result.accepted(), result.duplicates(), result.personal(),
                result.anonymous(), rejected, result.droppedFields());
        return Response.json(wire.mapper(), 200, wire.toJson(merged));
    }

    private IngestResult trackOrKeep(Request request, List<Event> readable) {
        try {
            return grat.track(readable, new TrackContext(request.globalPrivacyControl()));
        } catch (InvalidInputException refusedBatch) {
            // The engine refuses a batch as a whole only for its shape (e.g. empty): a body-level refusal.
            keepBody(request, refusedBatch.getMessage());
            throw refusedBatch;
        }
    }

    /** A body that is no readable batch is one unit: kept as a dead letter when it was read and is refused (400). */
    private HttpError keepUnreadable(Request request, HttpError unreadable) {
        if (unreadable.status() == 400) {
            keepBody(request, unreadable.getMessage());
        }
        return unreadable;
    }

    private void keepBody(Request request, String reason) {
        int kept = deadLetters.keepBody(request.jsonBytes(), reason, request.globalPrivacyControl());
        metrics.ingest().record(0, 0, kept, 1 - kept);
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
