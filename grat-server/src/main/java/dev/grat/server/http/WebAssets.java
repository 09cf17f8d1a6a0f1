package dev.grat.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The static landing page and its files, read once from the class path folder {@code web/}. Only the files named
 * here are served, so no request path can reach any other resource.
 */
final class WebAssets {

    private static final List<String> FILES = List.of("index.html", "style.css");
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self';"
            + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final Map<String, byte[]> files = new HashMap<>();

    WebAssets() {
        for (String name : FILES) {
            try (InputStream in = WebAssets.class.getClassLoader().getResourceAsStream("web/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("the web asset web/" + name + " is missing from the class path");
                }
                files.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the web asset web/" + name, e);
            }
        }
    }

    Response index(Request request) {
        return serve("index.html");
    }

    Response file(Request request) {
        return serve(request.path("file"));
    }

    private Response serve(String name) {
        byte[] body = files.get(name);
        if (body == null) {
            throw HttpError.notFound("no file " + name);
        }
        return new Response(200, contentType(name), body, Map.of(
                "Cache-Control", "public, max-age=300",
                "Content-Security-Policy", CONTENT_SECURITY_POLICY));
    }

    private static String contentType(String name) {
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        return "application/octet-stream";
    }
}
