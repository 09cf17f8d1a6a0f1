package dev.grat.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grat.Grat;
import dev.grat.decide.bandit.DecisionAnswer;
import dev.grat.decide.bandit.DecisionRequest;
import dev.grat.decide.bandit.Outcome;
import dev.grat.decide.bandit.SlotStatus;
import dev.grat.server.json.DecisionWire;
import dev.grat.server.json.Parsed;
import dev.grat.server.json.WireFormat;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Decisions that learn: {@code POST /v1/decisions} (publishable: pages ask for them),
 * {@code POST /v1/decisions/{decisionId}/reward}, {@code GET /v1/slots} and {@code PUT /v1/slots/{slot}/policy}
 * (secret: an explicit reward is unbounded, so a browser reports clicks as {@code offer_click} events instead).
 */
final class BanditDecisionEndpoint {

    private final Grat grat;
    private final WireFormat wire;
    private final DecisionWire decisions;

    BanditDecisionEndpoint(Grat grat, WireFormat wire) {
        this.grat = grat;
        this.wire = wire;
        this.decisions = new DecisionWire(wire.mapper());
    }

    Response decide(Request request) throws IOException {
        request.query().allowOnly(List.of());
        // A well-formed request is read straight into the engine's arrays; anything else is read again as a tree,
        // whose errors name every bad field.
        Optional<DecisionRequest> wellFormed = decisions.wellFormedDecisionRequest(request.jsonBytes());
        DecisionRequest parsed = wellFormed.isPresent() ? wellFormed.get()
                : valid(decisions.decisionRequest(request.json()), "the decision request is invalid");
        DecisionAnswer answer = grat.decide(parsed);
        return Response.json(wire.mapper(), 200, decisions.toJson(answer));
    }

    Response reward(Request request) throws IOException {
        request.query().allowOnly(List.of());
        double value = valid(decisions.reward(request.json()), "the reward is invalid");
        String decisionId = request.path("decisionId");
        Outcome outcome = grat.reward(decisionId, value);
        return Response.json(wire.mapper(), 200, decisions.toJson(decisionId, outcome));
    }

    Response slots(Request request) {
        request.query().allowOnly(List.of());
        return Response.json(wire.mapper(), 200, decisions.slotsToJson(grat.decisionSlots()));
    }

    Response putPolicy(Request request) throws IOException {
        request.query().allowOnly(List.of());
        DecisionWire.SlotPolicy policy = valid(decisions.slotPolicy(request.json()), "the policy is invalid; the slot is unchanged");
        String slot = request.path("slot");
        SlotStatus status = grat.configureSlot(slot, policy.config());
        Integer warmStartedFrom = null;
        if (policy.warmStart()) {
            warmStartedFrom = grat.warmStart(slot);
            status = grat.decisionSlots().get(slot);
        }
        ObjectNode json = decisions.toJson(status);
        if (warmStartedFrom != null) {
            json.put("warmStartedFrom", warmStartedFrom);
        }
        return Response.json(wire.mapper(), 200, json);
    }

    static <T> T valid(Parsed<T> parsed, String message) {
        if (!parsed.isValid()) {
            throw HttpError.badRequest(message, parsed.errors());
        }
        return parsed.value();
    }
}
