package dev.grat.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grat.Grat;
import dev.grat.privacy.retention.RetentionReport;
import dev.grat.server.json.WireFormat;

import java.util.List;

/** {@code POST /v1/privacy/retention/run}: runs the retention job now and returns its report (secret key). */
final class RetentionEndpoint {

    private final Grat grat;
    private final WireFormat wire;

    RetentionEndpoint(Grat grat, WireFormat wire) {
        this.grat = grat;
        this.wire = wire;
    }

    Response run(Request request) {
        request.query().allowOnly(List.of());
        return Response.json(wire.mapper(), 200, toJson(grat.runRetention()));
    }

    private ObjectNode toJson(RetentionReport report) {
        ObjectNode body = wire.mapper().createObjectNode();
        body.put("ranAt", report.ranAt().toString());
        body.put("removed", report.totalRemoved());
        ArrayNode categories = body.putArray("categories");
        for (RetentionReport.Category category : report.categories()) {
            ObjectNode node = categories.addObject();
            node.put("name", category.name());
            node.put("periodDays", category.period().toDays());
            node.put("period", category.period().toString());
            node.put("cutoff", category.cutoff().toString());
            node.put("removed", category.removed());
        }
        body.put("profilesRebuilt", report.profilesRebuilt());
        ArrayNode places = body.putArray("removedFrom");
        report.removedFrom().forEach(places::add);
        body.put("millis", report.millis());
        return body;
    }
}
