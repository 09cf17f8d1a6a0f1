package dev.grat.decide.bandit;

import dev.grat.profile.ProfileView;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a request and, only when the visitor consented to personalization, their profile into named context
 * features, and records which {@link FeatureGroup}s were used. Profile values are reduced to bands and top
 * lists: a decision never needs raw histories.
 *
 * <p>Names follow one convention so that the {@link FeatureEncoder} can match them with candidate features:
 * a context feature {@code affinity.category=Shoes} meets a candidate feature {@code category=Shoes}.
 */
public final class ContextFeatureBuilder {

    private static final int TOP_CATEGORIES = 5;
    private static final int TOP_BRANDS = 3;

    private final ZoneId zone;
    private final List<Double> valueBands;

    /**
     * @param zone       the shop's time zone, for the time of day
     * @param valueBands ascending upper bounds of the average-price bands, e.g. 25, 50, 100, 200
     */
    public ContextFeatureBuilder(ZoneId zone, List<Double> valueBands) {
        this.zone = zone;
        this.valueBands = List.copyOf(valueBands);
        for (int i = 1; i < this.valueBands.size(); i++) {
            if (this.valueBands.get(i) <= this.valueBands.get(i - 1)) {
                throw new IllegalArgumentException("valueBands must ascend, was " + valueBands);
            }
        }
    }

    /**
     * The features of one decision.
     *
     * @param profile the visitor's profile if (and only if) they consented to personalization, else null
     */
    public ContextFeatures build(RequestContext request, Instant now, ProfileView profile) {
        Map<String, Double> values = new HashMap<>();
        Set<FeatureGroup> groups = EnumSet.of(FeatureGroup.REQUEST_CONTEXT);
        addRequest(request, now, values);
        if (profile != null && !profile.isEmpty()) {
            if (addAffinities(profile, values)) {
                groups.add(FeatureGroup.AFFINITIES);
            }
            if (profile.lastSeen() != null) {
                values.put("recency=" + recencyBand(Duration.between(profile.lastSeen(), now)), 1.0);
                groups.add(FeatureGroup.RECENCY);
            }
            values.put("frequency.events=" + eventBand(profile.eventCount()), 1.0);
            values.put("frequency.purchases=" + purchaseBand(profile.purchaseCount()), 1.0);
            groups.add(FeatureGroup.FREQUENCY);
            if (profile.averagePrice() > 0) {
                values.put("value.band=" + valueBand(profile.averagePrice()), 1.0);
                groups.add(FeatureGroup.VALUE_BAND);
            }
        }
        return new ContextFeatures(values, groups);
    }

    private void addRequest(RequestContext request, Instant now, Map<String, Double> values) {
        if (request.channel() != null) {
            values.put("channel=" + request.channel().toLowerCase(Locale.ROOT), 1.0);
        }
        if (request.deviceClass() != null) {
            values.put("device=" + request.deviceClass().toLowerCase(Locale.ROOT), 1.0);
        }
        ZonedDateTime local = now.atZone(zone);
        int hour = local.getHour();
        values.put("daypart=" + (hour < 6 ? "night" : hour < 12 ? "morning" : hour < 18 ? "afternoon" : "evening"), 1.0);
        DayOfWeek day = local.getDayOfWeek();
        values.put("day=" + (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY ? "weekend" : "weekday"), 1.0);
        values.putAll(request.extra());
    }

    private static boolean addAffinities(ProfileView profile, Map<String, Double> values) {
        boolean added = addTop(profile.categoryAffinity(), TOP_CATEGORIES, "affinity.category=", values);
        return addTop(profile.brandAffinity(), TOP_BRANDS, "affinity.brand=", values) || added;
    }

    /** The strongest interests, scaled so that the strongest is 1. */
    private static boolean addTop(Map<String, Double> affinity, int count, String prefix, Map<String, Double> values) {
        List<Map.Entry<String, Double>> top = affinity.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(count).toList();
        if (top.isEmpty()) {
            return false;
        }
        double strongest = top.getFirst().getValue();
        top.forEach(e -> values.put(prefix + e.getKey(), e.getValue() / strongest));
        return true;
    }

    private static String recencyBand(Duration sinceLastSeen) {
        long hours = Math.max(0, sinceLastSeen.toHours());
        return hours < 1 ? "active" : hours < 24 ? "today" : hours < 24 * 7 ? "week" : hours < 24 * 30 ? "month" : "older";
    }

    private static String eventBand(long events) {
        return events < 5 ? "few" : events < 20 ? "some" : events < 100 ? "many" : "very_many";
    }

    private static String purchaseBand(int purchases) {
        return purchases == 0 ? "0" : purchases == 1 ? "1" : purchases < 5 ? "2-4" : "5+";
    }

    private String valueBand(double averagePrice) {
        int band = 0;
        while (band < valueBands.size() && averagePrice > valueBands.get(band)) {
            band++;
        }
        return "b" + band;
    }
}
