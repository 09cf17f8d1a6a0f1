package dev.grat.recommend;

import dev.grat.privacy.DataUse;
import dev.grat.privacy.PrivacyLevel;

import java.util.List;
import java.util.Objects;

/**
 * The answer to a {@link RecommendationRequest}.
 *
 * @param personalized whether the visitor's profile was used; false when the visitor has not consented to
 *                     personalization or Grat knows nothing of them yet
 * @param strategy     the strategy that produced the list, e.g. {@code personal-blend}, {@code viewed-together}
 * @param privacyLevel the visitor's privacy level the list was made at
 * @param dataUsed     the kinds of data the list drew on
 */
public record Recommendations(List<ScoredItem> items, boolean personalized, String strategy, PrivacyLevel privacyLevel,
                              List<DataUse> dataUsed) {

    public Recommendations {
        items = List.copyOf(items);
        Objects.requireNonNull(privacyLevel, "privacyLevel");
        dataUsed = DataUse.ordered(dataUsed);
    }
}
