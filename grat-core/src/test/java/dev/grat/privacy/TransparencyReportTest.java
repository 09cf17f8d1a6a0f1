package dev.grat.privacy;

import dev.grat.Shop;
import dev.grat.consent.Purpose;
import dev.grat.event.EventType;
import dev.grat.privacy.policy.DataCategory;
import dev.grat.privacy.policy.DataKind;
import dev.grat.privacy.policy.DataPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TransparencyReportTest {

    private static final DataCategory NEWSLETTER = new DataCategory("newsletter-addresses",
            "E-mail addresses in the shop's newsletter tool", DataKind.OTHER, EnumSet.of(Purpose.MARKETING),
            "Consent", Duration.ofDays(365), List.of("newsletter processor"), EnumSet.noneOf(EventType.class), List.of());

    private final Shop shop = new Shop(withNewsletter());

    private static DataPolicy withNewsletter() {
        DataPolicy base = DataPolicy.defaultPolicy();
        List<DataCategory> categories = new ArrayList<>(base.categories());
        categories.add(NEWSLETTER);
        return new DataPolicy("test-2", "Example Shop", "dpo@shop.example", categories);
    }

    private TransparencyReport.Holdings holdings(TransparencyReport report, String id) {
        return report.categories().stream().filter(e -> e.category().id().equals(id)).findFirst().orElseThrow()
                .holdings();
    }

    @Test
    void report_listsEveryCategoryOfThePolicy_withLiveCounts() {
        shop.consent("v1", Purpose.ANALYTICS, Purpose.PERSONALIZATION);
        shop.consent("v2", Purpose.ANALYTICS);
        shop.track(shop.view("v1", "shoe-1"), shop.view("v1", "shoe-2"), shop.view("v2", "shoe-1"),
                shop.purchase("v1", "sock-1"), shop.view("anon", "pan-1"),
                shop.event(EventType.PAGE_VIEW, "v1").customerId("c-1").build());

        TransparencyReport report = shop.grat.transparencyReport();

        assertThat(report.policyVersion()).isEqualTo("test-2");
        assertThat(report.controllerName()).isEqualTo("Example Shop");
        assertThat(report.categories()).extracting(e -> e.category().id())
                .containsExactlyElementsOf(shop.grat.policy().categories().stream().map(DataCategory::id).toList());
        assertThat(holdings(report, "interaction-events")).extracting("subjects", "records").containsExactly(2L, 3L);
        assertThat(holdings(report, "page-views-and-impressions")).extracting("subjects", "records").containsExactly(1L, 1L);
        assertThat(holdings(report, "purchases")).extracting("subjects", "records").containsExactly(1L, 1L);
        assertThat(holdings(report, "email-engagement")).extracting("subjects", "records").containsExactly(0L, 0L);
        assertThat(holdings(report, "identity-links")).extracting("subjects", "records").containsExactly(1L, 1L);
        assertThat(holdings(report, "consent-evidence")).extracting("subjects", "records").containsExactly(2L, 2L);
        assertThat(holdings(report, "derived-interests")).extracting("subjects", "records").containsExactly(1L, 1L);
        assertThat(holdings(report, "anonymous-counts")).extracting("subjects", "records").containsExactly(0L, 1L);
        assertThat(holdings(report, "newsletter-addresses")).isNull();
    }

    @Test
    void erasure_showsInTheNextReport() {
        shop.consent("v1", Purpose.ANALYTICS);
        shop.track(shop.view("v1", "shoe-1"));

        shop.grat.erase("v1");

        TransparencyReport report = shop.grat.transparencyReport();
        assertThat(holdings(report, "interaction-events")).extracting("subjects", "records").containsExactly(0L, 0L);
        assertThat(holdings(report, "consent-evidence").subjects()).isZero();
    }
}
