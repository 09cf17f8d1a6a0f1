package dev.grat.recommend;

import dev.grat.recommend.model.AlsParams;

import java.time.Duration;

/**
 * When and how the engine trains its learned model (implicit ALS) in the background.
 *
 * @param enabled        train at all (default true); without a model, recommendations use popularity and
 *                       co-occurrence only
 * @param interval       the least time between two trainings for new events (default 10 minutes); erasures
 *                       and withdrawn consent retrain at the next check (every 15 s) regardless
 * @param minNewEvents   new personal events (or erasures) needed before a retraining (default 500)
 * @param als            the ALS hyperparameters (default {@link AlsParams#defaults()})
 */
public record ModelSettings(boolean enabled, Duration interval, int minNewEvents, AlsParams als) {

    public ModelSettings {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("model training interval must be positive, was " + interval);
        }
        if (minNewEvents < 1) {
            throw new IllegalArgumentException("minNewEvents must be at least 1, was " + minNewEvents);
        }
    }

    public static ModelSettings defaults() {
        return new ModelSettings(true, Duration.ofMinutes(10), 500, AlsParams.defaults());
    }

    /** No background training: models are trained only on request ({@code Grat.trainModel()}). */
    public static ModelSettings onDemand() {
        return new ModelSettings(false, Duration.ofMinutes(10), 500, AlsParams.defaults());
    }

    public ModelSettings withAls(AlsParams value) {
        return new ModelSettings(enabled, interval, minNewEvents, value);
    }

    public ModelSettings withInterval(Duration value) {
        return new ModelSettings(enabled, value, minNewEvents, als);
    }
}
