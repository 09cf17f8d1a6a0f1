package dev.grat.server.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * The export of a visitor as a page a person can read (GDPR art. 15): the same JSON as the machine-readable
 * export, laid out as headings, tables and lists. Every value is escaped; the page loads nothing.
 */
final class ExportPage {

    private static final String STYLE =
            "body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1f2937}"
            + "table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #d1d5db;padding:.25rem .5rem;"
            + "vertical-align:top;text-align:left}th{background:#f3f4f6}h2{margin-top:2rem}.empty{color:#6b7280}";

    /**
     * The page's Content-Security-Policy: its one inline style sheet by hash, nothing else; so that a value that
     * escaped escaping still could not run or load anything.
     */
    static final String POLICY = "default-src 'none'; style-src 'sha256-" + Base64.getEncoder().encodeToString(
            sha256(STYLE)) + "'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final Map<String, String> SECTIONS = Map.of(
            "consent", "Consent: what you agreed to, and its history",
            "events", "Events kept with your visitor id",
            "profile", "Your profile: what Grat derived from those events",
            "identityLinks", "Devices and accounts linked to you",
            "decisions", "Decisions made for you (offers, content)",
            "declaredPreferences", "What you told the shop you like, dislike and wear");

    private ExportPage() {
    }

    static String render(JsonNode export) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Everything Grat keeps about you</title><style>").append(STYLE)
                .append("</style></head><body><h1>Everything Grat keeps about you</h1>");
        html.append("<p>Visitor id <code>").append(escape(export.path("visitorId").asText())).append("</code>, exported ")
                .append(escape(export.path("exportedAt").asText()))
                .append(". The same data is available as JSON for download (ask without <code>Accept: text/html</code>).</p>");
        Iterator<Map.Entry<String, JsonNode>> fields = export.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals("visitorId") || field.getKey().equals("exportedAt")) {
                continue;
            }
            html.append("<h2>").append(escape(SECTIONS.getOrDefault(field.getKey(), field.getKey()))).append("</h2>");
            value(field.getValue(), html);
        }
        return html.append("</body></html>").toString();
    }

    private static void value(JsonNode node, StringBuilder html) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isContainerNode() && node.isEmpty()) {
            html.append("<span class=\"empty\">nothing</span>");
        } else if (node.isObject()) {
            html.append("<table>");
            node.fields().forEachRemaining(entry -> {
                html.append("<tr><th>").append(escape(entry.getKey())).append("</th><td>");
                value(entry.getValue(), html);
                html.append("</td></tr>");
            });
            html.append("</table>");
        } else if (node.isArray()) {
            html.append("<ol>");
            node.forEach(element -> {
                html.append("<li>");
                value(element, html);
                html.append("</li>");
            });
            html.append("</ol>");
        } else {
            html.append(escape(node.asText()));
        }
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
