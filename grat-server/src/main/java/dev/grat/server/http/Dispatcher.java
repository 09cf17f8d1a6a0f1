package dev.grat.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.grat.server.config.ServerConfig.LogLevel;
import dev.grat.server.log.JsonLog;
import dev.grat.server.metrics.ServerMetrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Takes every HTTP exchange through the same steps: identify the key, apply the rate limits, find the route,
 * answer CORS preflights, check the key, read the body within the limit, run the handler, render errors, add the
 * common and security headers, and record the request in the metrics and (at debug level) the log, by route
 * template only.
 */
final class Dispatcher implements HttpHandler {

    private static final String UNMATCHED = "unmatched";
    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS",
            "PATCH");

    private final RouteTable routes;
    private final Authorizer authorizer;
    private final Cors cors;
    private final ErrorResponses errors;
    private final ServerMetrics metrics;
    private final JsonLog log;
    private final ObjectMapper mapper;
    private final long maxBodyBytes;
    private final RateLimiter rateLimiter;
    private final ClientAddresses clients;

    Dispatcher(RouteTable routes, Authorizer authorizer, Cors cors, ErrorResponses errors, ServerMetrics metrics,
               JsonLog log, ObjectMapper mapper, long maxBodyBytes, RateLimiter rateLimiter, ClientAddresses clients) {
        this.routes = routes;
        this.authorizer = authorizer;
        this.cors = cors;
        this.errors = errors;
        this.metrics = metrics;
        this.log = log;
        this.mapper = mapper;
        this.maxBodyBytes = maxBodyBytes;
        this.rateLimiter = rateLimiter;
        this.clients = clients;
    }

    /** The metrics this dispatcher records into, for the handlers around it ({@link AdmissionControl}). */
    ServerMetrics metrics() {
        return metrics;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String method = KNOWN_METHODS.contains(exchange.getRequestMethod()) ? exchange.getRequestMethod() : "OTHER";
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        String template = UNMATCHED;
        Response response;
        try {
            // A request target such as "*" has no path; it matches no route.
            String rawPath = Objects.requireNonNullElse(exchange.getRequestURI().getRawPath(), "*");
            Authorizer.Caller caller = authorizer.identify(exchange.getRequestHeaders().getFirst("Authorization"));
            Optional<RateLimiter.Refusal> refusal = rateLimiter.admit(caller, source(exchange));
            if (refusal.isPresent()) {
                template = templateOf(method, rawPath);
                response = tooManyRequests(refusal.get());
                drain(exchange.getRequestBody());
            } else if (method.equals("OPTIONS")) {
                RouteTable.Match match = preflightMatch(exchange, rawPath);
                template = match.route().template();
                response = answerOptions(exchange, match, rawPath, origin);
            } else {
                RouteTable.Match match = routes.resolve(method, rawPath);
                template = match.route().template();
                response = run(exchange, match, caller, origin);
            }
        } catch (Exception failure) {
            response = errors.toResponse(failure, method, template);
        }
        try {
            write(exchange, response.withHeaders(SecurityHeaders.forResponse(response, cors.headersFor(origin))));
        } finally {
            exchange.close();
            long nanos = System.nanoTime() - started;
            metrics.requestCompleted(method, template, response.status(), nanos);
            if (log.isEnabled(LogLevel.DEBUG)) {
                log.debug("http_request", Map.of("method", method, "route", template, "status", response.status(),
                        "ms", nanos / 1e6));
            }
        }
    }

    private Response run(HttpExchange exchange, RouteTable.Match match, Authorizer.Caller caller, String origin)
            throws IOException {
        Route route = match.route();
        authorizer.check(route, caller, origin);
        byte[] body = readBody(exchange);
        Request request = new Request(route.method(), match.parameters(), query(exchange),
                exchange.getRequestHeaders(), body, mapper);
        return route.handler().handle(request);
    }

    /** The route a preflight asks about: the path with the method named in Access-Control-Request-Method. */
    private RouteTable.Match preflightMatch(HttpExchange exchange, String rawPath) {
        String requested = exchange.getRequestHeaders().getFirst("Access-Control-Request-Method");
        if (requested == null) {
            Set<String> methods = routes.methodsAt(rawPath);
            if (methods.isEmpty()) {
                throw HttpError.notFound("no endpoint at OPTIONS " + rawPath + "; see docs/API.md");
            }
            return routes.resolve(methods.iterator().next(), rawPath);
        }
        return routes.resolve(requested.trim(), rawPath);
    }

    private Response answerOptions(HttpExchange exchange, RouteTable.Match match, String rawPath, String origin) {
        boolean preflight = origin != null
                && exchange.getRequestHeaders().getFirst("Access-Control-Request-Method") != null;
        if (preflight) {
            return cors.preflight(match.route(), origin);
        }
        Set<String> methods = new LinkedHashSet<>(routes.methodsAt(rawPath));
        methods.add("OPTIONS");
        return Response.noContent(Map.of("Allow", String.join(", ", methods)));
    }

    /** The body, at most {@code maxBodyBytes}; a larger body is read away (up to a bound) and answered with 413. */
    private byte[] readBody(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        try (InputStream in = exchange.getRequestBody()) {
            if (declared != null && parseLength(declared) > maxBodyBytes) {
                drain(in);
                throw bodyTooLarge();
            }
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            if (body.length > maxBodyBytes) {
                drain(in);
                throw bodyTooLarge();
            }
            return body;
        }
    }

    /**
     * Reads what is left of a refused body, so that the client gets to read the 413 instead of a reset connection;
     * past a bound the connection is simply closed.
     */
    private void drain(InputStream in) throws IOException {
        long bound = Math.max(maxBodyBytes * 4, 16L * 1024 * 1024);
        long skipped = 0;
        byte[] buffer = new byte[64 * 1024];
        int read;
        while (skipped < bound && (read = in.read(buffer)) >= 0) {
            skipped += read;
        }
    }

    private HttpError bodyTooLarge() {
        return HttpError.tooLarge("the request body exceeds the limit of " + maxBodyBytes + " bytes ("
                + humanBytes(maxBodyBytes) + "); send smaller batches");
    }

    private static long parseLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("the Content-Length header is not a number");
        }
    }

    private static Request.QueryParameters query(HttpExchange exchange) {
        String raw = exchange.getRequestURI().getRawQuery();
        Map<String, String> values = new HashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = PercentDecoding.decode(equals < 0 ? pair : pair.substring(0, equals), true);
                String value = equals < 0 ? "" : PercentDecoding.decode(pair.substring(equals + 1), true);
                if (values.putIfAbsent(name, value) != null) {
                    throw HttpError.badParameter(name, "is given more than once");
                }
            }
        }
        return new Request.QueryParameters(values);
    }

    private String source(HttpExchange exchange) {
        return clients.sourceOf(exchange.getRemoteAddress().getAddress(),
                exchange.getRequestHeaders().getFirst("X-Forwarded-For"));
    }

    /** The template of the route a refused request was for, so that the metrics count it there. */
    private String templateOf(String method, String rawPath) {
        try {
            return routes.resolve(method.equals("OPTIONS") ? "GET" : method, rawPath).route().template();
        } catch (HttpError noRoute) {
            return UNMATCHED;
        }
    }

    /** 429 naming the limit, with {@code Retry-After}; the same for every route, so nothing else is revealed. */
    private Response tooManyRequests(RateLimiter.Refusal refusal) {
        ObjectNode body = mapper.createObjectNode();
        body.put("error", "too many requests: the " + refusal.limit().wireName() + " limit allows "
                + refusal.rate().describe().replace(":", " per second, bursts of ") + " "
                + refusal.limit().what() + "; retry after " + refusal.retryAfterSeconds() + " s");
        body.put("limit", refusal.limit().wireName());
        body.put("retryAfterSeconds", refusal.retryAfterSeconds());
        return Response.json(mapper, 429, body)
                .withHeaders(Map.of("Retry-After", Long.toString(refusal.retryAfterSeconds())));
    }

    private static void write(HttpExchange exchange, Response response) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        response.headers().forEach(headers::set);
        if (response.contentType() != null) {
            headers.set("Content-Type", response.contentType());
        }
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static String humanBytes(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }
}
