package dev.grat.server.http;

import com.fasterxml.jackson.databind.JsonNode;

import static dev.grat.server.http.ExportPage.escape;

/**
 * The transparency report as a page a person can read: one table row per data category, from the same JSON as
 * the machine-readable report. Every value is escaped; the page loads nothing.
 */
final class ReportPage {

    private ReportPage() {
    }

    static String render(JsonNode report) {
        StringBuilder html = new StringBuilder(8192);
        html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>What data we keep, and why</title><style>")
                .append("body{font:15px/1.5 system-ui,sans-serif;max-width:80rem;margin:2rem auto;padding:0 1rem;color:#1f2937}")
                .append("table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #d1d5db;padding:.35rem .5rem;")
                .append("vertical-align:top;text-align:left}th{background:#f3f4f6}td.n{text-align:right}.muted{color:#6b7280}")
                .append("</style></head><body><h1>What data we keep, and why</h1>");
        JsonNode controller = report.path("controller");
        html.append("<p>Controller: <strong>").append(escape(controller.path("name").asText())).append("</strong>, ")
                .append(escape(controller.path("contact").asText())).append(". Data policy version <code>")
                .append(escape(report.path("policyVersion").asText())).append("</code>; counts as of ")
                .append(escape(report.path("generatedAt").asText())).append(".</p>");
        html.append("<table><tr><th>Data</th><th>Purposes</th><th>Legal basis</th><th>Kept for</th>")
                .append("<th>Recipients</th><th>People</th><th>Records</th></tr>");
        for (JsonNode category : report.path("categories")) {
            row(category, html);
        }
        return html.append("</table><p class=\"muted\">The same report is available as JSON (ask without")
                .append(" <code>Accept: text/html</code>).</p></body></html>").toString();
    }

    private static void row(JsonNode category, StringBuilder html) {
        html.append("<tr><td><strong>").append(escape(category.path("id").asText())).append("</strong><br>")
                .append(escape(category.path("description").asText()));
        if (!category.path("fields").isEmpty()) {
            html.append("<br><span class=\"muted\">Event fields: ").append(escape(join(category.path("fields"))))
                    .append("</span>");
        }
        html.append("</td><td>").append(escape(join(category.path("purposes"))))
                .append("</td><td>").append(escape(category.path("legalBasis").asText()))
                .append("</td><td>").append(category.path("retentionDays").asLong()).append(" days")
                .append("</td><td>").append(escape(join(category.path("recipients"))))
                .append("</td>").append(count(category.path("subjects"))).append(count(category.path("records")))
                .append("</tr>");
    }

    private static String count(JsonNode value) {
        return value.isNull() ? "<td class=\"muted\">not counted</td>" : "<td class=\"n\">" + value.asLong() + "</td>";
    }

    private static String join(JsonNode list) {
        StringBuilder text = new StringBuilder();
        list.forEach(value -> text.append(text.isEmpty() ? "" : ", ").append(value.asText()));
        return text.toString();
    }
}
