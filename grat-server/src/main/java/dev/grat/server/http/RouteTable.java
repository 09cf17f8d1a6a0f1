package dev.grat.server.http;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The routes of the server, in the order they are tried; finds the route of a request or says why none fits. */
final class RouteTable {

    private final List<Route> routes;

    RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    List<Route> routes() {
        return routes;
    }

    /** A route and the parameters its path template took from the request's path. */
    record Match(Route route, Map<String, String> parameters) {
    }

    /** The route for the method and raw path: 404 when no route has the path, 405 when none has the method. */
    Match resolve(String method, String rawPath) {
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = route.path().match(rawPath);
            if (parameters.isPresent()) {
                if (route.method().equals(method)) {
                    return new Match(route, parameters.get());
                }
                allowed.add(route.method());
            }
        }
        if (allowed.isEmpty()) {
            throw HttpError.notFound("no endpoint at " + method + " " + rawPath + "; see docs/API.md");
        }
        allowed.add("OPTIONS");
        String allow = String.join(", ", allowed);
        throw HttpError.methodNotAllowed(method + " is not allowed here; allowed: " + allow, allow);
    }

    /** The methods of every route on this path, for {@code Allow} headers. */
    Set<String> methodsAt(String rawPath) {
        Set<String> methods = new LinkedHashSet<>();
        for (Route route : routes) {
            if (route.path().match(rawPath).isPresent()) {
                methods.add(route.method());
            }
        }
        return methods;
    }
}
