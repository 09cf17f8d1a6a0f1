package dev.grat.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.grat.catalog.Item;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The demo shop: a small web shop on its own origin (its own port), as a real shop would be, that includes
 * Grat's snippet from the Grat server and calls Grat's API from the browser with the publishable key. It
 * serves its pages and its own product data; everything personal goes through Grat.
 *
 * <pre>{@code
 * ShopSite.Binding binding = ShopSite.bind(8081);           // the port is known before Grat starts,
 * ... allowed.origins += binding.origins() ...                // so Grat can allow the shop's origin
 * try (ShopSite shop = binding.serve(items, URI.create("http://localhost:8080"), publishableKey)) { ... }
 * }</pre>
 */
public final class ShopSite implements AutoCloseable {

    private static final Map<String, String> PAGES = Map.of(
            "/", "index.html",
            "/category", "category.html",
            "/product", "product.html",
            "/cart", "cart.html",
            "/checkout", "checkout.html",
            "/privacy", "privacy.html");
    private static final List<String> ASSETS = List.of("shop.css", "shop.js");

    private final HttpServer server;
    private final ExecutorService executor;

    private ShopSite(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds the shop's port (0: a free one) without serving yet.
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static Binding bind(int port) {
        try {
            return new Binding(HttpServer.create(new InetSocketAddress(port), 0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port + " for the demo shop: " + e.getMessage(),
                    e);
        }
    }

    /** A bound, not yet serving shop; closing it frees the port. */
    public static final class Binding implements AutoCloseable {
        private final HttpServer server;

        private Binding(HttpServer server) {
            this.server = server;
        }

        public int port() {
            return server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }

        /** The origins a browser may show the shop under, for Grat's {@code allowed.origins}. */
        public List<String> origins() {
            return List.of("http://localhost:" + port(), "http://127.0.0.1:" + port());
        }

        /**
         * Starts serving the catalog's shop, its pages including Grat's snippet from {@code gratUrl} with the
         * publishable key.
         */
        public ShopSite serve(List<Item> catalog, URI gratUrl, String publishableKey) {
            ObjectMapper mapper = new ObjectMapper();
            Handler handler = new Handler(new ShopCatalog(catalog, mapper), mapper,
                    pages(gratUrl, publishableKey), headers(gratUrl));
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            server.createContext("/", handler::handle);
            server.setExecutor(executor);
            server.start();
            return new ShopSite(server, executor);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(1);
        executor.shutdown();
    }

    /** The pages with Grat's address and the publishable key filled in (both are public by design). */
    private static Map<String, byte[]> pages(URI gratUrl, String publishableKey) {
        String grat = stripSlash(gratUrl.toString());
        Map<String, byte[]> pages = new HashMap<>();
        PAGES.values().forEach(name -> pages.put(name, new String(Resources.read("web/shop/" + name),
                StandardCharsets.UTF_8)
                .replace("{{GRAT_URL}}", escape(grat))
                .replace("{{GRAT_KEY}}", escape(publishableKey))
                .getBytes(StandardCharsets.UTF_8)));
        ASSETS.forEach(name -> pages.put(name, Resources.read("web/shop/" + name)));
        return pages;
    }

    /** A strict policy: scripts and styles from the shop and Grat only, no inline script. */
    private static Map<String, String> headers(URI gratUrl) {
        String grat = stripSlash(gratUrl.toString());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", "default-src 'self'; script-src 'self' " + grat + "; style-src 'self' "
                + grat + "; connect-src 'self' " + grat + "; img-src 'self' data: " + grat
                + "; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        return Map.copyOf(headers);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Answers one request: a page, an asset or the product API; GET and HEAD only. */
    private record Handler(ShopCatalog catalog, ObjectMapper mapper, Map<String, byte[]> files,
                           Map<String, String> headers) {

        void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                try {
                    answer(exchange);
                } catch (RuntimeException e) {
                    // Failures happen before the answer starts (reading the request, building JSON).
                    System.err.println("grat: demo shop: " + e.getClass().getName() + " on "
                            + exchange.getRequestURI().getPath());
                    send(exchange, 500, "text/plain; charset=utf-8", "internal error".getBytes(StandardCharsets.UTF_8));
                }
            }
        }

        private void answer(HttpExchange exchange) throws IOException {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                send(exchange, 405, "text/plain; charset=utf-8", "only GET".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            Optional<byte[]> json = api(path, query);
            String asset = path.startsWith("/assets/") ? path.substring("/assets/".length()) : "";
            if (json.isPresent()) {
                send(exchange, 200, "application/json; charset=utf-8", json.get());
            } else if (PAGES.containsKey(path)) {
                send(exchange, 200, Resources.contentType(PAGES.get(path)), files.get(PAGES.get(path)));
            } else if (ASSETS.contains(asset)) {
                send(exchange, 200, Resources.contentType(asset), files.get(asset));
            } else {
                send(exchange, 404, "text/plain; charset=utf-8", "not found".getBytes(StandardCharsets.UTF_8));
            }
        }

        private Optional<byte[]> api(String path, Map<String, String> query) throws JsonProcessingException {
            JsonNode answer = switch (path) {
                case "/api/products" -> query.containsKey("ids")
                        ? catalog.byIds(Arrays.stream(query.get("ids").split(",")).filter(id -> !id.isBlank()).toList())
                        : catalog.inCategory(query.getOrDefault("category", ""), limit(query));
                case "/api/departments" -> catalog.departments();
                default -> null;
            };
            return answer == null ? Optional.empty() : Optional.of(mapper.writeValueAsBytes(answer));
        }

        private static int limit(Map<String, String> query) {
            try {
                return Math.clamp(Integer.parseInt(query.getOrDefault("limit", "")), 1, ShopCatalog.MAX_IDS);
            } catch (NumberFormatException e) {
                return ShopCatalog.DEFAULT_LIMIT;
            }
        }

        private void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
            headers.forEach(exchange.getResponseHeaders()::set);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(status, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }

        private static Map<String, String> query(String raw) {
            Map<String, String> values = new HashMap<>();
            if (raw != null) {
                for (String pair : raw.split("&")) {
                    int equals = pair.indexOf('=');
                    if (equals > 0) {
                        values.putIfAbsent(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                                URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                    }
                }
            }
            return values;
        }
    }
}
