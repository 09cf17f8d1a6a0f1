package dev.grat.profile;

import java.time.Duration;
import java.time.Instant;

/**
 * A sum of weights that halves every half-life, in O(1) memory: the value is kept as of the newest
 * update and decayed on read. Weights may be negative, so that a contribution can be taken back exactly.
 * Thread-safe.
 *
 * <p>The arithmetic lives in the package-private static helpers below, which {@link AffinityScores} uses
 * too, so that a score kept in either gives the same double, bit for bit.
 */
public final class DecayingScore {

    /** The time of a score that has had no update yet. */
    static final long NEVER = Long.MIN_VALUE;

    private final double halfLifeMillis;
    private double value;
    private long asOfMillis = NEVER;

    public DecayingScore(Duration halfLife) {
        this.halfLifeMillis = halfLife.toMillis();
    }

    /** Adds {@code weight} as of {@code at}. */
    public synchronized void add(double weight, Instant at) {
        long t = at.toEpochMilli();
        value = valueAfterAdd(value, asOfMillis, weight, t, halfLifeMillis);
        asOfMillis = asOfAfterAdd(asOfMillis, t);
    }

    /** The decayed value at {@code now}; not more than the value at the newest update. */
    public synchronized double valueAt(Instant now) {
        return valueAt(value, asOfMillis, now.toEpochMilli(), halfLifeMillis);
    }

    /**
     * The value, as of {@link #asOfAfterAdd}, after adding {@code weight} at {@code atMillis} to {@code value}
     * kept as of {@code asOfMillis} ({@link #NEVER} for none): a newer weight decays the value up to it, an
     * older one is decayed to the value's time.
     */
    static double valueAfterAdd(double value, long asOfMillis, double weight, long atMillis, double halfLifeMillis) {
        if (asOfMillis == NEVER) {
            return weight;
        }
        if (atMillis >= asOfMillis) {
            return value * factor(atMillis - asOfMillis, halfLifeMillis) + weight;
        }
        return value + weight * factor(asOfMillis - atMillis, halfLifeMillis);
    }

    /** The time the value is kept as of after an add at {@code atMillis}: the newest update's. */
    static long asOfAfterAdd(long asOfMillis, long atMillis) {
        return asOfMillis == NEVER || atMillis >= asOfMillis ? atMillis : asOfMillis;
    }

    /** The value decayed to {@code nowMillis}, never grown for a {@code nowMillis} before its time; dust is 0. */
    static double valueAt(double value, long asOfMillis, long nowMillis, double halfLifeMillis) {
        if (asOfMillis == NEVER) {
            return 0;
        }
        long elapsed = Math.max(0, nowMillis - asOfMillis);
        double decayed = value * factor(elapsed, halfLifeMillis);
        return Math.abs(decayed) < 1e-9 ? 0 : decayed;
    }

    private static double factor(long elapsedMillis, double halfLifeMillis) {
        return Math.pow(0.5, elapsedMillis / halfLifeMillis);
    }
}
