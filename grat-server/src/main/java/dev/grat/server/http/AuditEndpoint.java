package dev.grat.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grat.server.audit.AuditEntry;
import dev.grat.server.audit.AuditLog;
import dev.grat.server.json.WireFormat;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** {@code GET /v1/audit?since=&limit=}: the audit log's entries, oldest first (secret key; itself audited). */
final class AuditEndpoint {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final AuditLog log;
    private final WireFormat wire;

    AuditEndpoint(AuditLog log, WireFormat wire) {
        this.log = log;
        this.wire = wire;
    }

    Response list(Request request) {
        Request.QueryParameters query = request.query().allowOnly(List.of("since", "limit"));
        Instant since = query.get("since").map(AuditEndpoint::instant).orElse(Instant.EPOCH);
        int limit = query.integer("limit", DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw HttpError.badParameter("limit", "must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        // One more than asked tells whether more entries follow.
        List<AuditEntry> entries = log.since(since, limit + 1);
        ObjectNode body = wire.mapper().createObjectNode();
        ArrayNode list = body.putArray("entries");
        entries.stream().limit(limit).forEach(entry -> list.add(toJson(entry)));
        body.put("more", entries.size() > limit);
        return Response.json(wire.mapper(), 200, body);
    }

    private ObjectNode toJson(AuditEntry entry) {
        ObjectNode node = wire.mapper().createObjectNode();
        node.put("at", entry.at().toString());
        node.put("credential", entry.credential().wireName());
        node.put("keyFingerprint", entry.keyFingerprint());
        node.put("visitorToken", entry.visitorToken());
        node.put("action", entry.action());
        node.put("status", entry.status());
        node.put("subjectKind", entry.subjectKind());
        node.put("subject", entry.subject());
        return node;
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw HttpError.badParameter("since", "must be an ISO-8601 instant such as 2026-03-02T10:00:00Z, was \""
                    + value + "\"");
        }
    }
}
