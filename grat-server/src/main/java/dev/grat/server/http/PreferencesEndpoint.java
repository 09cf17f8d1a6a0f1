package dev.grat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grat.Grat;
import dev.grat.declared.Declaration;
import dev.grat.declared.DeclaredPreferences;
import dev.grat.server.json.PreferencesWire;
import dev.grat.server.json.WireFormat;
import dev.grat.server.web.VisitorTokens;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Declared preferences and their rectification (GDPR art. 16). The visitor's own routes take the publishable key and
 * their token: {@code PUT /v1/me/preferences} with the token in the body's {@code visitorToken},
 * {@code GET /v1/me/preferences} with it in the {@code Grat-Visitor-Token} header (never in a URL). The shop's
 * support staff use {@code PUT} and {@code GET /v1/privacy/{visitorId}/preferences} with the secret key. A PUT
 * replaces the declaration whole.
 */
final class PreferencesEndpoint {

    /** The header that carries the visitor's token on a {@code GET}, which has no body. */
    static final String TOKEN_HEADER = "Grat-Visitor-Token";
    private static final List<String> TOKEN_FIELD = List.of("visitorToken");

    private final Grat grat;
    private final WireFormat wire;
    private final VisitorTokens tokens;

    PreferencesEndpoint(Grat grat, WireFormat wire, VisitorTokens tokens) {
        this.grat = grat;
        this.wire = wire;
        this.tokens = tokens;
    }

    /** {@code PUT /v1/me/preferences}: the token's visitor declares (or corrects) their preferences. */
    Response putOwn(Request request) throws IOException {
        request.query().allowOnly(List.of());
        JsonNode body = request.json();
        JsonNode token = body.get("visitorToken");
        String visitorId = tokens.visitorOf(token != null && token.isTextual() ? token.asText() : null);
        DeclaredPreferences preferences = PreferencesWire.read(body, TOKEN_FIELD);
        return answer(grat.declarePreferences(visitorId, preferences, "visitor"));
    }

    /** {@code GET /v1/me/preferences}: what the token's visitor declared; 404 when nothing. */
    Response getOwn(Request request) {
        request.query().allowOnly(List.of());
        return answer(grat.declaredPreferences(visitorOfHeader(request)));
    }

    /** {@code PUT /v1/privacy/{visitorId}/preferences}: support staff correct a visitor's declaration. */
    Response put(Request request) throws IOException {
        request.query().allowOnly(List.of());
        DeclaredPreferences preferences = PreferencesWire.read(request.json(), List.of());
        return answer(grat.declarePreferences(request.path("visitorId"), preferences, "support"));
    }

    /** {@code GET /v1/privacy/{visitorId}/preferences}. */
    Response get(Request request) {
        request.query().allowOnly(List.of());
        return answer(grat.declaredPreferences(request.path("visitorId")));
    }

    /** The visitor of the token header, for the handler and the audit trail. */
    String visitorOfHeader(Request request) {
        return tokens.visitorOf(request.header(TOKEN_HEADER).map(String::trim).orElse(null));
    }

    private Response answer(Declaration declaration) {
        return Response.json(wire.mapper(), 200, PreferencesWire.toJson(wire.mapper(), declaration));
    }

    private Response answer(Optional<Declaration> declaration) {
        return answer(declaration.orElseThrow(() -> HttpError.notFound("no declared preferences for this visitor")));
    }
}
