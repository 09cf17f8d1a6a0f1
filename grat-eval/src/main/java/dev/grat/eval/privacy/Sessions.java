package dev.grat.eval.privacy;

import dev.grat.eval.recommend.Rating;

import java.util.Comparator;
import java.util.List;

/** Sessions in a visitor's time-ordered interactions: a session ends after a gap of inactivity. */
final class Sessions {

    /** Time order, ties in file order. */
    static final Comparator<Rating> BY_TIME = Comparator.comparingLong(Rating::timestamp)
            .thenComparingLong(Rating::sequence);

    private Sessions() {
    }

    /**
     * The last {@code length} interactions of the last session of {@code ordered} (in time order): what a
     * session-only visitor's in-memory profile holds when they are recommended to.
     */
    static List<Rating> lastOfLastSession(List<Rating> ordered, long gapSeconds, int length) {
        if (ordered.isEmpty()) {
            return List.of();
        }
        int start = ordered.size() - 1;
        while (start > 0 && ordered.get(start).timestamp() - ordered.get(start - 1).timestamp() <= gapSeconds) {
            start--;
        }
        return List.copyOf(ordered.subList(Math.max(start, ordered.size() - length), ordered.size()));
    }
}
