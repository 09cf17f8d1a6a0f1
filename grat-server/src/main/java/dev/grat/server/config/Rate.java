package dev.grat.server.config;

import java.util.Locale;

/**
 * A token bucket's size: {@code perSecond} requests a second on average, up to {@code burst} at once. A rate of
 * zero is no limit. Written {@code RATE[:BURST]} in the configuration ({@code 100:400}, {@code 0.5:2}), or
 * {@code off}; without a burst the bucket holds two seconds' worth.
 */
public record Rate(double perSecond, long burst) {

    /** No limit. */
    public static final Rate OFF = new Rate(0, 0);

    public Rate {
        if (!Double.isFinite(perSecond) || perSecond < 0) {
            throw new IllegalArgumentException("a rate must be a number of requests per second, 0 or more, was "
                    + perSecond);
        }
        if (perSecond > 0 && burst < 1) {
            throw new IllegalArgumentException("a burst must be at least 1 request, was " + burst);
        }
    }

    /** A rate with a burst of two seconds' worth (at least one request). */
    public static Rate perSecond(double perSecond) {
        return perSecond == 0 ? OFF : new Rate(perSecond, Math.max(1, (long) Math.ceil(2 * perSecond)));
    }

    /**
     * Parses {@code RATE[:BURST]} or {@code off}.
     *
     * @throws IllegalArgumentException saying the expected form
     */
    public static Rate parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("off") || value.equals("0")) {
            return OFF;
        }
        String[] parts = value.split(":", -1);
        try {
            if (parts.length == 1) {
                return perSecond(Double.parseDouble(parts[0]));
            }
            if (parts.length == 2) {
                return new Rate(Double.parseDouble(parts[0]), Long.parseLong(parts[1]));
            }
        } catch (NumberFormatException e) {
            // reported below with the expected form
        }
        throw new IllegalArgumentException("must be RATE[:BURST] (requests per second, e.g. 100:400) or off, was \""
                + text.trim() + "\"");
    }

    public boolean isOff() {
        return perSecond == 0;
    }

    /** As the configuration writes it. */
    public String describe() {
        return isOff() ? "off" : formatRate() + ":" + burst;
    }

    private String formatRate() {
        return perSecond == Math.rint(perSecond) ? Long.toString((long) perSecond) : Double.toString(perSecond);
    }
}
