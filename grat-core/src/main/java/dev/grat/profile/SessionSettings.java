package dev.grat.profile;

import java.time.Duration;

/**
 * Bounds of the in-memory profiles of session-only visitors ({@link SessionProfiles}).
 *
 * @param idleTimeout a session without an event for this long ends and its profile is dropped (default 30 minutes,
 *                    the usual web-analytics session)
 * @param maxSessions most sessions kept at once; beyond it the least recently active one is dropped (default
 *                    100,000: a few hundred bytes to a few KiB each)
 */
public record SessionSettings(Duration idleTimeout, int maxSessions) {

    public SessionSettings {
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive, was " + idleTimeout);
        }
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxSessions must be at least 1, was " + maxSessions);
        }
    }

    public static SessionSettings defaults() {
        return new SessionSettings(Duration.ofMinutes(30), 100_000);
    }
}
