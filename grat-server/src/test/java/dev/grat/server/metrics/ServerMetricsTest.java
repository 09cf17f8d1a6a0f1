package dev.grat.server.metrics;

import dev.grat.EngineStats;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServerMetricsTest {

    private final ServerMetrics metrics = new ServerMetrics();
    private final EngineStats stats = new EngineStats(120, 7, 9, 345, 66);

    @Test
    void eventCounters_areLabelledByTypeAndChannel() {
        metrics.eventAccepted("product_view", "web");
        metrics.eventAccepted("product_view", "web");
        metrics.eventAccepted("purchase", "shop");
        metrics.eventRejected(ServerMetrics.UNKNOWN, ServerMetrics.UNKNOWN);

        String text = metrics.render(stats);

        assertThat(text)
                .contains("# TYPE grat_events_accepted_total counter\n")
                .contains("grat_events_accepted_total{type=\"product_view\",channel=\"web\"} 2\n")
                .contains("grat_events_accepted_total{type=\"purchase\",channel=\"shop\"} 1\n")
                .contains("grat_events_rejected_total{type=\"unknown\",channel=\"unknown\"} 1\n");
    }

    @Test
    void latencyHistogram_hasCumulativeBucketsSumAndCount() {
        metrics.requestCompleted("GET", "/v1/recommendations", 200, 300_000);      // 0.3 ms
        metrics.requestCompleted("GET", "/v1/recommendations", 200, 3_000_000);    // 3 ms
        metrics.requestCompleted("GET", "/v1/recommendations", 400, 20_000_000_000L); // 20 s, above every bound

        String text = metrics.render(stats);
        String labels = "method=\"GET\",route=\"/v1/recommendations\"";

        assertThat(text)
                .contains("# TYPE grat_http_request_duration_seconds histogram\n")
                .contains("grat_http_request_duration_seconds_bucket{" + labels + ",le=\"0.0005\"} 1\n")
                .contains("grat_http_request_duration_seconds_bucket{" + labels + ",le=\"0.001\"} 1\n")
                .contains("grat_http_request_duration_seconds_bucket{" + labels + ",le=\"0.005\"} 2\n")
                .contains("grat_http_request_duration_seconds_bucket{" + labels + ",le=\"10\"} 2\n")
                .contains("grat_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} 3\n")
                .contains("grat_http_request_duration_seconds_count{" + labels + "} 3\n")
                .contains("grat_http_request_duration_seconds_sum{" + labels + "} 20.0033\n")
                .contains("grat_http_requests_total{" + labels + ",status=\"200\"} 2\n")
                .contains("grat_http_requests_total{" + labels + ",status=\"400\"} 1\n");
    }

    @Test
    void engineSizes_areGauges() {
        assertThat(metrics.render(stats))
                .contains("# TYPE grat_catalog_items gauge\ngrat_catalog_items 120\n")
                .contains("grat_profiles 7\n")
                .contains("grat_personal_events 345\n")
                .contains("grat_consenting_visitors 9\n")
                .contains("grat_cooccurrence_pairs 66\n");
    }

    @Test
    void labelValues_areEscaped() {
        metrics.requestCompleted("GET", "/a\"b\\c", 200, 1);

        assertThat(metrics.render(stats)).contains("route=\"/a\\\"b\\\\c\"");
    }
}
