package dev.grat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grat.Grat;
import dev.grat.NotFoundException;
import dev.grat.decide.bandit.SlotExperiment;
import dev.grat.server.json.ExperimentWire;
import dev.grat.server.json.WireFormat;

import java.io.IOException;
import java.util.List;

import static dev.grat.server.http.BanditDecisionEndpoint.valid;

/**
 * A/B/n experiments on decision slots, all with the secret key: {@code GET} and {@code POST /v1/experiments},
 * {@code GET /v1/experiments/{id}/results}, and {@code DELETE /v1/experiments/{id}}, which stops assigning
 * visitors and keeps the results readable.
 */
final class ExperimentEndpoint {

    private final Grat grat;
    private final WireFormat wire;
    private final ExperimentWire experiments;

    ExperimentEndpoint(Grat grat, WireFormat wire) {
        this.grat = grat;
        this.wire = wire;
        this.experiments = new ExperimentWire(wire.mapper());
    }

    Response list(Request request) {
        request.query().allowOnly(List.of());
        return Response.json(wire.mapper(), 200, experiments.toJson(grat.experiments(), grat.decisionSettings().holdout()));
    }

    Response start(Request request) throws IOException {
        request.query().allowOnly(List.of());
        SlotExperiment experiment = valid(experiments.experiment(request.json()), "the experiment is invalid; nothing was started");
        grat.startExperiment(experiment);
        return Response.json(wire.mapper(), 201, describe(experiment.id()));
    }

    Response results(Request request) {
        request.query().allowOnly(List.of());
        return Response.json(wire.mapper(), 200, experiments.toJson(grat.experimentResults(request.path("id"))));
    }

    Response stop(Request request) {
        request.query().allowOnly(List.of());
        String id = request.path("id");
        grat.stopExperiment(id);
        return Response.json(wire.mapper(), 200, describe(id));
    }

    private JsonNode describe(String id) {
        SlotExperiment experiment = grat.experiments().stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("experiment '" + id + "' does not exist"));
        return experiments.toJson(experiment, grat.decisionSettings().holdout());
    }
}
