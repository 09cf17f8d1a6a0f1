package dev.grat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grat.Grat;
import dev.grat.event.Event;
import dev.grat.event.FieldError;
import dev.grat.event.IngestResult;
import dev.grat.event.TrackContext;
import dev.grat.privacy.retention.RetentionHook;
import dev.grat.privacy.retention.RetentionPeriods;
import dev.grat.server.json.Parsed;
import dev.grat.server.json.WireFormat;
import dev.grat.store.DeadLetter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps what {@code POST /v1/events} refused in the engine's dead-letter store, and replays it. Bounded: past
 * {@code maxLetters} kept letters a refused unit is only counted (as rejected), so that a client sending garbage
 * cannot fill the disk. Letters expire after {@code retention} (a {@link RetentionHook} of the engine's retention
 * job) and are erased with the visitor their payload names.
 */
final class DeadLetterOffice implements RetentionHook {

    /** Most letters kept by default. */
    static final long DEFAULT_MAX_LETTERS = 100_000;
    /** How long a letter is kept by default: long enough to notice and fix a broken client, short for the data. */
    static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

    private final Grat grat;
    private final WireFormat wire;
    private final Clock clock;
    private final long maxLetters;
    private final Duration retention;

    DeadLetterOffice(Grat grat, WireFormat wire, Clock clock, long maxLetters, Duration retention) {
        this.grat = grat;
        this.wire = wire;
        this.clock = clock;
        this.maxLetters = maxLetters;
        this.retention = retention;
    }

    /** One refused event of a readable batch, with its reason. */
    record Refused(JsonNode node, FieldError reason) {
    }

    /** Keeps the refused events of one request and returns how many were kept (the rest were over the bound). */
    int keepEvents(List<Refused> refused, boolean gpc) {
        if (refused.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        List<DeadLetter> letters = new ArrayList<>(refused.size());
        for (Refused one : refused) {
            byte[] payload = one.node() == null ? new byte[0] : one.node().toString().getBytes(StandardCharsets.UTF_8);
            letters.add(DeadLetter.received(now, DeadLetter.Kind.EVENT, one.reason().toString(),
                    textOrNull(one.node(), "visitorId"), gpc, payload));
        }
        return keep(letters);
    }

    /** Keeps a body that was not a readable batch; returns 1 when kept, 0 when over the bound. */
    int keepBody(byte[] body, String reason, boolean gpc) {
        Set<String> visitors = visitorsNamedIn(body);
        DeadLetter letter;
        if (visitors.size() > 1) {
            // One letter is found by one visitor id: a payload naming several could not be erased for each of them.
            letter = DeadLetter.received(clock.instant(), DeadLetter.Kind.BODY, reason + " (payload not kept: it names "
                    + visitors.size() + " visitors)", null, gpc, new byte[0]).asTruncated();
        } else {
            letter = DeadLetter.received(clock.instant(), DeadLetter.Kind.BODY, reason,
                    visitors.isEmpty() ? null : visitors.iterator().next(), gpc, body);
        }
        return keep(List.of(letter));
    }

    private int keep(List<DeadLetter> letters) {
        long room = maxLetters - grat.deadLetters().count();
        if (room <= 0) {
            return 0;
        }
        List<DeadLetter> kept = letters.size() <= room ? letters : letters.subList(0, (int) room);
        grat.deadLetters().add(kept);
        return kept.size();
    }

    /** The visitor ids a body names, if it is JSON at all. */
    private Set<String> visitorsNamedIn(byte[] body) {
        Set<String> visitors = new LinkedHashSet<>();
        try {
            JsonNode node = wire.mapper().readTree(body);
            if (node != null) {
                node.findValues("visitorId").stream().filter(JsonNode::isTextual).map(JsonNode::textValue)
                        .forEach(visitors::add);
            }
        } catch (IOException unreadable) {
            // Not JSON: it names nobody that could be found.
        }
        return visitors;
    }

    /** What a replay did: the letters replayed (and removed), those still refused with the new reason, unknown ids. */
    record Replay(List<Long> replayed, Map<Long, String> stillRefused, List<Long> unknown) {
    }

    /**
     * Replays letters through the same reading and validation as {@code POST /v1/events}, with the
     * {@code Sec-GPC} signal they arrived with. A letter whose events are all accepted leaves the store; one that is
     * still refused stays, with the new reason.
     */
    Replay replay(List<Long> ids) {
        List<DeadLetter> letters = grat.deadLetters().get(ids);
        Set<Long> found = new LinkedHashSet<>();
        List<Long> replayed = new ArrayList<>();
        Map<Long, String> stillRefused = new LinkedHashMap<>();
        for (DeadLetter letter : letters) {
            found.add(letter.id());
            Optional<String> problem = replayOne(letter);
            if (problem.isEmpty()) {
                replayed.add(letter.id());
            } else {
                stillRefused.put(letter.id(), problem.get());
            }
        }
        if (!replayed.isEmpty()) {
            grat.deadLetters().remove(replayed);
        }
        if (!stillRefused.isEmpty()) {
            grat.deadLetters().updateReasons(stillRefused);
        }
        List<Long> unknown = ids.stream().distinct().filter(id -> !found.contains(id)).toList();
        return new Replay(replayed, stillRefused, unknown);
    }

    /** Empty when every event of the letter is now stored; else why not. */
    private Optional<String> replayOne(DeadLetter letter) {
        if (letter.truncated()) {
            return Optional.of("the payload was cut at " + DeadLetter.MAX_PAYLOAD_BYTES
                    + " bytes when received; it cannot be replayed");
        }
        JsonNode payload;
        try {
            payload = wire.mapper().readTree(letter.payload());
        } catch (IOException e) {
            return Optional.of("the payload is not valid JSON");
        }
        if (payload == null || payload.isMissingNode()) {
            return Optional.of("the payload is empty");
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (letter.kind() == DeadLetter.Kind.EVENT) {
            nodes.add(payload);
        } else {
            try {
                BatchBodies.array(payload, "events", grat.settings().maxBatchSize()).forEach(nodes::add);
            } catch (HttpError e) {
                return Optional.of(e.getMessage());
            }
        }
        return track(nodes, letter.globalPrivacyControl());
    }

    private Optional<String> track(List<JsonNode> nodes, boolean gpc) {
        List<Event> events = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            Parsed<Event> parsed = wire.event(nodes.get(i));
            if (!parsed.isValid()) {
                return Optional.of(prefix(nodes.size(), i) + parsed.errors().getFirst());
            }
            events.add(parsed.value());
        }
        if (events.isEmpty()) {
            return Optional.of("the batch holds no event");
        }
        IngestResult result = grat.track(events, new TrackContext(gpc));
        return result.rejected().stream().findFirst()
                .map(r -> prefix(nodes.size(), r.index()) + r.error());
    }

    private static String prefix(int size, int index) {
        return size == 1 ? "" : "events[" + index + "]: ";
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    @Override
    public String category() {
        return "dead letters";
    }

    @Override
    public Duration period(RetentionPeriods periods) {
        return retention;
    }

    @Override
    public long eraseBefore(Instant cutoff) {
        return grat.deadLetters().eraseBefore(cutoff);
    }
}
