package dev.grat.server.http;

import dev.grat.Grat;
import dev.grat.recommend.RecommendationRequest;
import dev.grat.recommend.Slot;
import dev.grat.server.json.WireFormat;

import java.util.List;

/** The decisions a shop's pages ask for: recommendations, navigation order and content variants. */
final class DecisionEndpoint {

    private static final int DEFAULT_COUNT = 10;

    private final Grat grat;
    private final WireFormat wire;

    DecisionEndpoint(Grat grat, WireFormat wire) {
        this.grat = grat;
        this.wire = wire;
    }

    /** {@code GET /v1/recommendations?visitorId=&slot=&n=&item=&category=&excludePurchased=&diversity=} */
    Response recommendations(Request request) {
        Request.QueryParameters query = request.query()
                .allowOnly(List.of("visitorId", "slot", "n", "item", "category", "excludePurchased", "diversity"));
        String slotName = query.get("slot").orElse(Slot.HOME.wireName());
        Slot slot = Slot.fromWire(slotName).orElseThrow(() -> HttpError.badParameter("slot",
                "must be one of: " + Slot.wireNames() + ", was \"" + slotName + "\""));
        RecommendationRequest recommendation = new RecommendationRequest(
                query.get("visitorId").orElse(null),
                slot,
                query.integer("n", DEFAULT_COUNT),
                query.get("item").orElse(null),
                query.get("category").orElse(null),
                query.bool("excludePurchased", true),
                query.decimal("diversity", 0));
        return Response.json(wire.mapper(), 200, wire.toJson(grat.recommend(recommendation)));
    }

    /** {@code GET /v1/navigation?visitorId=} */
    Response navigation(Request request) {
        Request.QueryParameters query = request.query().allowOnly(List.of("visitorId"));
        return Response.json(wire.mapper(), 200, wire.toJson(grat.navigation(query.get("visitorId").orElse(null))));
    }

    /** {@code GET /v1/content?visitorId=&slot=} */
    Response content(Request request) {
        Request.QueryParameters query = request.query().allowOnly(List.of("visitorId", "slot"));
        String slot = query.required("slot");
        return Response.json(wire.mapper(), 200, wire.toJson(grat.content(query.get("visitorId").orElse(null), slot)));
    }
}
