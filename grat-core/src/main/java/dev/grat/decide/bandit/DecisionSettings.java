package dev.grat.decide.bandit;

import dev.grat.event.EventType;
import dev.grat.experiment.AnalysisSettings;
import dev.grat.experiment.Holdout;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the decision service; {@link #defaults()} documents every default.
 *
 * @param attributionWindow how long after a decision rewards and events count for it (default 1 hour); when it
 *                          closes, the decision is settled with what arrived (zero when nothing did) and the
 *                          policy learns from it once
 * @param eventRewards      the reward of each event type that carries a decision id (default offer_click 1,
 *                          recommendation_click 1, email_click 1, purchase 1); other types add nothing
 * @param holdout           the global holdout (default salt "grat-holdout", share 0.05)
 * @param zone              the shop's time zone for time-of-day features (default UTC)
 * @param valueBands        upper bounds of the average-price bands (default 25, 50, 100, 200)
 * @param maxCandidates     most candidates in one request (default 500)
 * @param checkpointEvery   a policy's state is saved after this many updates (default 1000), on
 *                          {@link DecisionService#checkpoint()} and whenever it is configured; after a crash at
 *                          most this many updates are lost, and {@link DecisionService#warmStart} can redo them
 * @param analysis          how experiment results are computed
 */
public record DecisionSettings(Duration attributionWindow, Map<EventType, Double> eventRewards, Holdout holdout,
                               ZoneId zone, List<Double> valueBands, int maxCandidates, int checkpointEvery,
                               AnalysisSettings analysis) {

    public DecisionSettings {
        Objects.requireNonNull(holdout, "holdout");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(analysis, "analysis");
        if (attributionWindow == null || attributionWindow.isNegative() || attributionWindow.isZero()) {
            throw new IllegalArgumentException("attributionWindow must be positive, was " + attributionWindow);
        }
        EnumMap<EventType, Double> rewards = new EnumMap<>(EventType.class);
        rewards.putAll(eventRewards);
        rewards.forEach((type, value) -> {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("eventRewards." + type.wireName() + " must be a finite number, was " + value);
            }
        });
        eventRewards = Collections.unmodifiableMap(rewards);
        valueBands = List.copyOf(valueBands);
        if (maxCandidates < 1 || maxCandidates > 10_000) {
            throw new IllegalArgumentException("maxCandidates must be 1 to 10000, was " + maxCandidates);
        }
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpointEvery must be at least 1, was " + checkpointEvery);
        }
    }

    public static DecisionSettings defaults() {
        return new DecisionSettings(Duration.ofHours(1),
                Map.of(EventType.OFFER_CLICK, 1.0, EventType.RECOMMENDATION_CLICK, 1.0, EventType.EMAIL_CLICK, 1.0,
                        EventType.PURCHASE, 1.0),
                new Holdout("grat-holdout", 0.05), ZoneOffset.UTC, List.of(25.0, 50.0, 100.0, 200.0), 500, 1000,
                AnalysisSettings.defaults());
    }

    public DecisionSettings withHoldout(Holdout value) {
        return new DecisionSettings(attributionWindow, eventRewards, value, zone, valueBands, maxCandidates, checkpointEvery, analysis);
    }

    public DecisionSettings withAttributionWindow(Duration value) {
        return new DecisionSettings(value, eventRewards, holdout, zone, valueBands, maxCandidates, checkpointEvery, analysis);
    }

    public DecisionSettings withEventRewards(Map<EventType, Double> value) {
        return new DecisionSettings(attributionWindow, value, holdout, zone, valueBands, maxCandidates, checkpointEvery, analysis);
    }

    public DecisionSettings withCheckpointEvery(int value) {
        return new DecisionSettings(attributionWindow, eventRewards, holdout, zone, valueBands, maxCandidates, value, analysis);
    }
}
