package dev.grat.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grat.DashboardStats;
import dev.grat.EngineStats;
import dev.grat.Grat;
import dev.grat.decide.bandit.SlotExperiment;
import dev.grat.server.json.ExperimentWire;
import dev.grat.consent.Purpose;
import dev.grat.event.Engagement;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * The figures of the shop team's dashboard ({@code GET /v1/dashboard}, secret key): engagement per slot and
 * channel, purchases and revenue, consent rates per purpose, experiments with their lift against the control and
 * the holdout, and the privacy picture. Aggregates only: nothing
 * in the answer points to a visitor. Counters run since the server started ({@code since}); the dashboard page
 * turns their differences between two polls into rates.
 */
public final class DashboardReport {

    private final Grat grat;
    private final WebCounters counters;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Instant since;
    private final ExperimentWire experimentWire;

    public DashboardReport(Grat grat, WebCounters counters, ObjectMapper mapper, Clock clock) {
        this.grat = grat;
        this.counters = counters;
        this.mapper = mapper;
        this.clock = clock;
        this.since = clock.instant();
        this.experimentWire = new ExperimentWire(mapper);
    }

    public JsonNode report() {
        DashboardStats dashboard = grat.dashboard();
        EngineStats stats = grat.stats();
        Engagement.Snapshot engagement = dashboard.engagement();
        ObjectNode json = mapper.createObjectNode();
        json.put("at", clock.instant().toString());
        json.put("since", since.toString());
        ObjectNode channels = json.putObject("eventsByChannel");
        engagement.eventsByChannel().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> channels.put(entry.getKey(), entry.getValue()));
        json.set("slots", slots(engagement));
        json.put("purchases", engagement.purchases());
        ObjectNode revenue = json.putObject("revenue");
        engagement.revenueByCurrency().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> revenue.put(entry.getKey(), entry.getValue()));
        json.set("consent", consent(dashboard));
        json.set("privacy", privacy(stats));
        json.putObject("catalog").put("items", stats.items()).put("coOccurrencePairs", stats.coOccurrencePairs());
        json.set("experiments", experiments());
        return json;
    }

    /**
     * Every experiment with its results per group: the holdout group (no personalization) is one of them, so
     * each variant's lift against it can be read off.
     */
    private ArrayNode experiments() {
        ArrayNode experiments = mapper.createArrayNode();
        for (SlotExperiment experiment : grat.experiments()) {
            ObjectNode results = (ObjectNode) experimentWire.toJson(grat.experimentResults(experiment.experiment().id()));
            results.put("slot", experiment.slot());
            results.put("running", experiment.running());
            experiments.add(results);
        }
        return experiments;
    }

    private ArrayNode slots(Engagement.Snapshot engagement) {
        ArrayNode slots = mapper.createArrayNode();
        engagement.slots().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> slots.addObject()
                .put("slot", entry.getKey())
                .put("impressions", entry.getValue().impressions())
                .put("clicks", entry.getValue().clicks())
                .put("clickThroughRate", entry.getValue().clickThroughRate())
                .put("conversions", entry.getValue().conversions())
                .put("conversionRate", entry.getValue().conversionRate()));
        return slots;
    }

    private ObjectNode consent(DashboardStats dashboard) {
        ObjectNode consent = mapper.createObjectNode();
        int answered = dashboard.visitorsAnswered();
        consent.put("visitorsAnswered", answered);
        ObjectNode granting = consent.putObject("granting");
        ObjectNode rates = consent.putObject("rates");
        for (Purpose purpose : Purpose.values()) {
            if (purpose == Purpose.NECESSARY) {
                continue;
            }
            long count = dashboard.granting().getOrDefault(purpose, 0L);
            granting.put(purpose.wireName(), count);
            rates.put(purpose.wireName(), answered == 0 ? 0 : (double) count / answered);
        }
        return consent;
    }

    private ObjectNode privacy(EngineStats stats) {
        WebCounters.Snapshot web = counters.snapshot();
        return mapper.createObjectNode()
                .put("consentingVisitors", stats.consentingVisitors())
                .put("profiles", stats.profiles())
                .put("personalEvents", stats.personalEvents())
                .put("visitorTokensIssued", web.visitorTokensIssued())
                .put("exports", web.selfServiceExports() + web.operatorExports())
                .put("selfServiceExports", web.selfServiceExports())
                .put("erasures", web.selfServiceErasures() + web.operatorErasures())
                .put("selfServiceErasures", web.selfServiceErasures())
                .put("emailEventsRecorded", web.emailEventsRecorded())
                .put("emailEventsNotRecorded", web.emailEventsNotRecorded());
    }
}
