package dev.grat.recommend;

import dev.grat.InvalidInputException;
import dev.grat.Shop;
import dev.grat.consent.Purpose;
import dev.grat.event.EventType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecommendationTest {

    private final Shop shop = new Shop();

    /** Many visitors view the two Alpina shoes together; one visitor likes kitchen things. */
    private void history() {
        for (int v = 0; v < 5; v++) {
            String visitor = "crowd-" + v;
            shop.consent(visitor, Purpose.ANALYTICS, Purpose.PERSONALIZATION);
            shop.track(shop.view(visitor, "shoe-1"), shop.view(visitor, "shoe-2"));
        }
        shop.consent("cook", Purpose.ANALYTICS, Purpose.PERSONALIZATION);
        shop.track(shop.view("cook", "pan-1"), shop.event(EventType.CATEGORY_VIEW, "cook").categoryId("Home/Kitchen").build());
    }

    @Test
    void productSlot_recommendsWhatIsViewedTogether_withAReason() {
        history();
        Recommendations recs = shop.grat.recommend(RecommendationRequest.product(null, "shoe-1", 3));
        assertThat(recs.personalized()).isFalse();
        assertThat(recs.items().getFirst().id()).isEqualTo("shoe-2");
        assertThat(recs.items().getFirst().reason()).isEqualTo("Often viewed together with Trail Runner");
        assertThat(recs.items()).extracting(ScoredItem::id).doesNotContain("shoe-1");
    }

    @Test
    void homeSlot_isPersonalizedForAConsentingVisitor_andLeansToTheirInterests() {
        history();
        Recommendations recs = shop.grat.recommend(RecommendationRequest.home("cook", 3));
        assertThat(recs.personalized()).isTrue();
        assertThat(recs.items()).extracting(ScoredItem::id).contains("pan-1");
        assertThat(recs.items()).extracting(ScoredItem::id).doesNotContain("pan-2");
        assertThat(recs.items().getFirst().reason()).contains("Home/Kitchen");
    }

    @Test
    void withoutPersonalizationConsent_theProfileIsNotUsed() {
        history();
        shop.consent("cook", Purpose.ANALYTICS);
        Recommendations recs = shop.grat.recommend(RecommendationRequest.home("cook", 3));
        assertThat(recs.personalized()).isFalse();
        assertThat(recs.strategy()).isEqualTo("popular");
        assertThat(recs.items().getFirst().id()).isIn("shoe-1", "shoe-2");
    }

    @Test
    void purchasedAndUnavailableItems_areFilteredOut_andCategoryRestricts() {
        history();
        shop.consent("buyer", Purpose.ANALYTICS, Purpose.PERSONALIZATION);
        shop.track(shop.view("buyer", "shoe-1"), shop.purchase("buyer", "shoe-2"));
        Recommendations recs = shop.grat.recommend(RecommendationRequest.home("buyer", 10));
        assertThat(recs.items()).extracting(ScoredItem::id).doesNotContain("shoe-2", "pan-2");
        Recommendations kitchen = shop.grat.recommend(new RecommendationRequest(null, Slot.HOME, 10, null, "Home", true));
        assertThat(kitchen.items()).extracting(ScoredItem::id).containsExactly("pan-1");
    }

    @Test
    void cartSlot_recommendsWhatIsBoughtTogether() {
        for (int v = 0; v < 3; v++) {
            shop.consent("b" + v, Purpose.ANALYTICS, Purpose.PERSONALIZATION);
            shop.track(shop.purchase("b" + v, "shoe-3", "sock-1"));
        }
        Recommendations recs = shop.grat.recommend(new RecommendationRequest(null, Slot.CART, 2, "shoe-3", null, true));
        assertThat(recs.items().getFirst().id()).isEqualTo("sock-1");
        assertThat(recs.items().getFirst().reason()).startsWith("Often bought together with Court Classic");
    }

    @Test
    void diversity_bringsOtherCategoriesForward_andIsValidated() {
        for (int v = 0; v < 4; v++) {
            shop.track(shop.view("anon" + v, "shoe-1"), shop.view("anon" + v, "shoe-2"), shop.view("anon" + v, "shoe-3"));
        }
        shop.track(shop.view("one", "jacket-1"));
        RecommendationRequest plain = RecommendationRequest.home(null, 2);
        assertThat(shop.grat.recommend(plain).items()).extracting(ScoredItem::id).allMatch(id -> id.startsWith("shoe-"));
        var diverse = shop.grat.recommend(plain.withDiversity(0.8)).items();
        assertThat(diverse).extracting(ScoredItem::id).contains("jacket-1");
        assertThatThrownBy(() -> shop.grat.recommend(plain.withDiversity(2)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("diversity");
    }

    @Test
    void anEmptyShop_stillAnswersWithCatalogItems() {
        Recommendations recs = shop.grat.recommend(RecommendationRequest.home("new", 3));
        assertThat(recs.items()).hasSize(3);
        assertThat(recs.items()).allSatisfy(i -> assertThat(i.reason()).isEqualTo("New in the shop"));
    }

    @Test
    void badRequests_nameTheField() {
        assertThatThrownBy(() -> shop.grat.recommend(new RecommendationRequest(null, Slot.PRODUCT, 0, null, null, true)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(dev.grat.event.FieldError::field).containsExactly("n", "item"));
    }
}
