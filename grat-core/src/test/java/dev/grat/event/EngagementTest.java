package dev.grat.event;

import dev.grat.DashboardStats;
import dev.grat.Shop;
import dev.grat.consent.Purpose;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EngagementTest {

    private final Shop shop = new Shop();

    @Test
    void dashboard_countsImpressionsClicksPerSlot_purchases_andConsentRates_forEveryone() {
        shop.consent("v1", Purpose.ANALYTICS, Purpose.PERSONALIZATION);
        shop.consent("v2", Purpose.ANALYTICS);
        for (String visitor : new String[] {"v1", "anon", "anon"}) {
            shop.track(shop.event(EventType.RECOMMENDATION_IMPRESSION, visitor).itemId("shoe-1")
                    .properties(Map.of("slot", "home")).build());
        }
        Event purchase = shop.purchase("v1", "shoe-1", "sock-1");
        shop.track(shop.event(EventType.RECOMMENDATION_CLICK, "anon").itemId("shoe-1").properties(Map.of("slot", "home")).build(),
                Event.builder().id(purchase.id()).type(purchase.type()).visitorId("v1").channel(Channel.WEB)
                        .timestamp(purchase.timestamp()).currency("EUR").items(purchase.items())
                        .properties(Map.of("slot", "home")).build());

        DashboardStats stats = shop.grat.dashboard();

        assertThat(stats.engagement().slots().get("home").impressions()).isEqualTo(3);
        assertThat(stats.engagement().slots().get("home").clickThroughRate()).isEqualTo(1.0 / 3);
        assertThat(stats.engagement().slots().get("home").conversions()).isEqualTo(1);
        assertThat(stats.engagement().slots().get("home").conversionRate()).isEqualTo(1.0);
        assertThat(stats.engagement().purchases()).isEqualTo(1);
        assertThat(stats.engagement().revenueByCurrency().get("EUR")).isEqualByComparingTo(new BigDecimal("20.00"));
        assertThat(stats.engagement().eventsByChannel()).containsEntry("web", 5L);
        assertThat(stats.visitorsAnswered()).isEqualTo(2);
        assertThat(stats.granting()).containsEntry(Purpose.ANALYTICS, 2L).containsEntry(Purpose.PERSONALIZATION, 1L)
                .containsEntry(Purpose.MARKETING, 0L);
    }
}
