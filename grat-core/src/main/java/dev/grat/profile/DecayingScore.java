package dev.grat.profile;

import java.time.Duration;
import java.time.Instant;

/**
 * A sum of weights that halves every half-life, in O(1) memory: the value is kept as of the newest
 * update and decayed on read. Weights may be negative, so that a contribution can be taken back exactly.
 * Thread-safe.
 */
public final class DecayingScore {

    private final double halfLifeMillis;
    private double value;
    private long asOfMillis = Long.MIN_VALUE;

    public DecayingScore(Duration halfLife) {
        this.halfLifeMillis = halfLife.toMillis();
    }

    /** Adds {@code weight} as of {@code at}. */
    public synchronized void add(double weight, Instant at) {
        long t = at.toEpochMilli();
        if (asOfMillis == Long.MIN_VALUE) {
            value = weight;
            asOfMillis = t;
        } else if (t >= asOfMillis) {
            value = value * factor(t - asOfMillis) + weight;
            asOfMillis = t;
        } else {
            value += weight * factor(asOfMillis - t);
        }
    }

    /** The decayed value at {@code now}; not more than the value at the newest update. */
    public synchronized double valueAt(Instant now) {
        if (asOfMillis == Long.MIN_VALUE) {
            return 0;
        }
        long elapsed = Math.max(0, now.toEpochMilli() - asOfMillis);
        double decayed = value * factor(elapsed);
        return Math.abs(decayed) < 1e-9 ? 0 : decayed;
    }

    private double factor(long elapsedMillis) {
        return Math.pow(0.5, elapsedMillis / halfLifeMillis);
    }
}
