package dev.grat;

import dev.grat.consent.Purpose;
import dev.grat.event.Engagement;

import java.util.Map;

/**
 * Aggregate figures for the shop's team; nothing in them points to a visitor.
 *
 * @param engagement        impressions and clicks per slot, purchases and revenue, events per channel, since start-up
 * @param visitorsAnswered  visitors who answered a consent request
 * @param granting          visitors granting each purpose now
 */
public record DashboardStats(Engagement.Snapshot engagement, int visitorsAnswered, Map<Purpose, Long> granting) {

    public DashboardStats {
        granting = Map.copyOf(granting);
    }
}
