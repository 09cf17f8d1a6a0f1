package dev.grat.recommend;

import java.util.List;

/**
 * The answer to a {@link RecommendationRequest}.
 *
 * @param personalized whether the visitor's profile was used; false when the visitor has not consented to
 *                     personalization or Grat knows nothing of them yet
 * @param strategy     the strategy that produced the list, e.g. {@code personal-blend}, {@code viewed-together}
 */
public record Recommendations(List<ScoredItem> items, boolean personalized, String strategy) {

    public Recommendations {
        items = List.copyOf(items);
    }
}
