package dev.grat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grat.Grat;
import dev.grat.consent.Purpose;
import dev.grat.event.EventType;
import dev.grat.privacy.TransparencyReport;
import dev.grat.privacy.policy.DataCategory;
import dev.grat.privacy.policy.PolicyWriter;

import java.util.List;

/**
 * {@code GET /v1/privacy/report}: the transparency report (record of processing, GDPR art. 30) as JSON, and as a
 * readable page with {@code Accept: text/html}. It holds counts only, never a visitor's data.
 */
final class PrivacyReportEndpoint {

    private final Grat grat;
    private final ObjectMapper mapper;

    PrivacyReportEndpoint(Grat grat, ObjectMapper mapper) {
        this.grat = grat;
        this.mapper = mapper;
    }

    Response report(Request request) {
        request.query().allowOnly(List.of());
        JsonNode report = toJson(grat.transparencyReport());
        boolean html = request.header("Accept").map(accept -> accept.contains("text/html")).orElse(false);
        return html ? Response.text(200, "text/html; charset=utf-8", ReportPage.render(report))
                : Response.json(mapper, 200, report);
    }

    /** The report's wire form; the category fields are named as in the policy file. */
    JsonNode toJson(TransparencyReport report) {
        ObjectNode json = mapper.createObjectNode();
        json.put("generatedAt", report.generatedAt().toString());
        json.put("policyVersion", report.policyVersion());
        json.putObject("controller").put("name", report.controllerName()).put("contact", report.controllerContact());
        ArrayNode categories = json.putArray("categories");
        report.categories().forEach(entry -> categories.add(toJson(entry)));
        return json;
    }

    private ObjectNode toJson(TransparencyReport.Entry entry) {
        DataCategory category = entry.category();
        ObjectNode json = mapper.createObjectNode();
        json.put("id", category.id());
        json.put("description", category.description());
        json.put("kind", category.kind().wireName());
        ArrayNode purposes = json.putArray("purposes");
        category.purposes().stream().sorted().map(Purpose::wireName).forEach(purposes::add);
        json.put("legalBasis", category.legalBasis());
        json.put("retention", PolicyWriter.iso(category.retention()));
        json.put("retentionDays", category.retention().toDays());
        ArrayNode recipients = json.putArray("recipients");
        category.recipients().forEach(recipients::add);
        ArrayNode types = json.putArray("eventTypes");
        category.eventTypes().stream().sorted().map(EventType::wireName).forEach(types::add);
        ArrayNode fields = json.putArray("fields");
        category.fields().forEach(fields::add);
        TransparencyReport.Holdings holdings = entry.holdings();
        if (holdings == null) {
            json.putNull("subjects").putNull("records").put("counted", "not kept by Grat, so not counted");
        } else {
            json.put("subjects", holdings.subjects()).put("records", holdings.records())
                    .put("counted", holdings.counted());
        }
        return json;
    }
}
