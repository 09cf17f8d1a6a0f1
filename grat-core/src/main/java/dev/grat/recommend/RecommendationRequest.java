package dev.grat.recommend;

/**
 * A request for recommendations.
 *
 * @param visitorId        the visitor, or null for a request with context only
 * @param slot             where the recommendations are shown
 * @param count            how many items to return (1 to 100)
 * @param itemId           the product on screen, for "similar to this" and "viewed together"; may be null
 * @param category         restrict to this category path and below; may be null
 * @param excludePurchased leave out what the visitor already bought
 * @param diversity        0 (default) ranks by score alone; up to 1 trades score for variety of categories and
 *                         brands in the list (a greedy maximal-marginal-relevance re-ranking)
 */
public record RecommendationRequest(String visitorId, Slot slot, int count, String itemId, String category,
                                    boolean excludePurchased, double diversity) {

    /** A request ranked by score alone. */
    public RecommendationRequest(String visitorId, Slot slot, int count, String itemId, String category,
                                 boolean excludePurchased) {
        this(visitorId, slot, count, itemId, category, excludePurchased, 0);
    }

    /** The same request with another diversity, 0 to 1. */
    public RecommendationRequest withDiversity(double value) {
        return new RecommendationRequest(visitorId, slot, count, itemId, category, excludePurchased, value);
    }

    public static RecommendationRequest home(String visitorId, int count) {
        return new RecommendationRequest(visitorId, Slot.HOME, count, null, null, true);
    }

    public static RecommendationRequest product(String visitorId, String itemId, int count) {
        return new RecommendationRequest(visitorId, Slot.PRODUCT, count, itemId, null, true);
    }
}
