package dev.grat.server.http;

import dev.grat.Grat;
import dev.grat.server.json.WireFormat;
import dev.grat.server.metrics.ServerMetrics;

import java.util.List;

import static dev.grat.server.http.Access.PUBLIC;
import static dev.grat.server.http.Access.PUBLISHABLE;
import static dev.grat.server.http.Access.SECRET;

/**
 * Every route of the server, in one table: method, path, the key it needs, handler. Deny by default: a path that
 * is not here is a 404, and a route's access is written next to it. Literal paths come before templates that
 * would also match them ({@code /v1/content/slots} before {@code /v1/content/{slot}}).
 */
final class Routes {

    private Routes() {
    }

    static RouteTable table(Grat grat, WireFormat wire, ServerMetrics metrics) {
        var web = new WebAssets();
        var operations = new OperationsEndpoint(grat, wire, metrics);
        var events = new EventEndpoint(grat, wire, metrics);
        var consent = new ConsentEndpoint(grat, wire);
        var catalog = new CatalogEndpoint(grat, wire);
        var decisions = new DecisionEndpoint(grat, wire);
        var content = new ContentAdminEndpoint(grat, wire);
        var privacy = new PrivacyEndpoint(grat, wire);
        return new RouteTable(List.of(
                Route.of("GET", "/", PUBLIC, web::index),
                Route.of("GET", "/web/{file}", PUBLIC, web::file),
                Route.of("GET", "/health", PUBLIC, operations::health),
                Route.of("GET", "/metrics", SECRET, operations::metrics),
                Route.of("POST", "/v1/events", PUBLISHABLE, events::track),
                Route.of("PUT", "/v1/consent/{visitorId}", PUBLISHABLE, consent::put),
                Route.of("GET", "/v1/consent/{visitorId}", SECRET, consent::get),
                Route.of("PUT", "/v1/items", SECRET, catalog::put),
                Route.of("GET", "/v1/items/{id}", SECRET, catalog::get),
                Route.of("GET", "/v1/recommendations", PUBLISHABLE, decisions::recommendations),
                Route.of("GET", "/v1/navigation", PUBLISHABLE, decisions::navigation),
                Route.of("GET", "/v1/content", PUBLISHABLE, decisions::content),
                Route.of("GET", "/v1/content/slots", SECRET, content::slots),
                Route.of("PUT", "/v1/content/{slot}", SECRET, content::putSlot),
                Route.of("GET", "/v1/privacy/{visitorId}", SECRET, privacy::export),
                Route.of("DELETE", "/v1/privacy/{visitorId}", SECRET, privacy::erase)));
    }
}
