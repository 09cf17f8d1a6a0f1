package dev.grat.server.http;

import dev.grat.Grat;
import dev.grat.server.json.WireFormat;
import dev.grat.server.metrics.ServerMetrics;

/** {@code GET /health} for load balancers, {@code GET /metrics} for Prometheus. */
final class OperationsEndpoint {

    private final Grat grat;
    private final WireFormat wire;
    private final ServerMetrics metrics;

    OperationsEndpoint(Grat grat, WireFormat wire, ServerMetrics metrics) {
        this.grat = grat;
        this.wire = wire;
        this.metrics = metrics;
    }

    Response health(Request request) {
        return Response.json(wire.mapper(), 200, wire.mapper().createObjectNode().put("status", "ok"));
    }

    Response metrics(Request request) {
        return Response.text(200, ServerMetrics.CONTENT_TYPE, metrics.render(grat.stats()));
    }
}
