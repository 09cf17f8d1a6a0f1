package dev.grat.server.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The files Grat's own server serves without a key: the landing page, the dashboard page (its data needs the
 * secret key) and the browser snippet with its style sheet and privacy-center widget. They are read once from
 * the class path folder {@code web/}; only the files named here are served, so no request path reaches any
 * other resource.
 */
public final class SiteAssets {

    /** The snippet's path: shops include {@code <script src="https://grat.example/grat.js" ...>}. */
    public static final String SNIPPET = "grat.js";

    private static final String PAGE_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none';"
            + " form-action 'none'; frame-ancestors 'none'";
    private static final String APP_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /** File name to the extra headers it is served with. */
    private static final Map<String, Map<String, String>> FILES = files();

    private final Map<String, byte[]> contents = new LinkedHashMap<>();

    public SiteAssets() {
        FILES.keySet().forEach(name -> contents.put(name, Resources.read("web/" + name)));
    }

    private static Map<String, Map<String, String>> files() {
        // Embeddable by any shop, also one whose pages send Cross-Origin-Embedder-Policy.
        Map<String, String> embeddable = Map.of("Cross-Origin-Resource-Policy", "cross-origin");
        Map<String, Map<String, String>> files = new LinkedHashMap<>();
        files.put("index.html", Map.of("Content-Security-Policy", PAGE_POLICY));
        files.put("style.css", Map.of());
        files.put("dashboard.html", Map.of("Content-Security-Policy", APP_POLICY));
        files.put("dashboard.css", Map.of());
        files.put("dashboard.js", Map.of());
        files.put(SNIPPET, embeddable);
        files.put("grat.css", embeddable);
        files.put("grat-privacy.js", embeddable);
        return Map.copyOf(files);
    }

    /** The named file, or empty when it is not one of the served files. */
    public Optional<WebAnswer> file(String name) {
        byte[] body = contents.get(name);
        if (body == null) {
            return Optional.empty();
        }
        Map<String, String> headers = new LinkedHashMap<>(FILES.get(name));
        headers.put("Cache-Control", "public, max-age=300");
        return Optional.of(new WebAnswer(200, Resources.contentType(name), body, headers));
    }
}
