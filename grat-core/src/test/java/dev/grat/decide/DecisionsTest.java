package dev.grat.decide;

import dev.grat.InvalidInputException;
import dev.grat.NotFoundException;
import dev.grat.Shop;
import dev.grat.consent.Purpose;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecisionsTest {

    private final Shop shop = new Shop();

    private void greetings() {
        shop.grat.putContent("greeting", List.of(
                new ContentVariant("buyer", "Welcome back, good to see you again",
                        List.of(new Condition(ProfileField.PURCHASE_COUNT, Comparison.GTE, "1"))),
                new ContentVariant("kitchen", "New pans are in",
                        List.of(new Condition(ProfileField.TOP_CATEGORY, Comparison.EQ, "Home"))),
                new ContentVariant("default", "Welcome to the shop", List.of())));
    }

    @Test
    void content_returnsTheFirstVariantWhoseConditionsHold_withTheReason() {
        greetings();
        shop.consent("cook", Purpose.PERSONALIZATION);
        shop.track(shop.view("cook", "pan-1"));
        ContentDecision decision = shop.grat.content("cook", "greeting");
        assertThat(decision.variantId()).isEqualTo("kitchen");
        assertThat(decision.reason()).isEqualTo("Shown because topCategory = Home");
        assertThat(decision.personalized()).isTrue();
        shop.track(shop.purchase("cook", "pan-1"));
        assertThat(shop.grat.content("cook", "greeting").variantId()).isEqualTo("buyer");
    }

    @Test
    void content_withoutConsent_isTheDefaultVariant() {
        greetings();
        shop.track(shop.purchase("anon", "pan-1"));
        ContentDecision decision = shop.grat.content("anon", "greeting");
        assertThat(decision.variantId()).isEqualTo("default");
        assertThat(decision.personalized()).isFalse();
        assertThat(decision.reason()).contains("no personal data");
    }

    @Test
    void content_registration_checksConditionsAndNeedsADefault() {
        assertThatThrownBy(() -> shop.grat.putContent("greeting", List.of(new ContentVariant("x", "Hi",
                List.of(new Condition(ProfileField.TOTAL_SPENT, Comparison.GT, "lots"),
                        new Condition(ProfileField.TOP_BRAND, Comparison.LT, "A"))))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(dev.grat.event.FieldError::field)
                        .containsExactly("variants[0].conditions[0].value", "variants[0].conditions[1].op", "variants"));
        assertThatThrownBy(() -> shop.grat.content("v", "nope")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void navigation_ordersByTheVisitorsInterests_elseByPopularity() {
        for (int i = 0; i < 3; i++) {
            shop.track(shop.view("anon" + i, "jacket-1"));
        }
        Navigation anonymous = shop.grat.navigation("someone");
        assertThat(anonymous.personalized()).isFalse();
        assertThat(anonymous.categories().getFirst().category()).isEqualTo("Men");
        assertThat(anonymous.categories()).extracting(NavigationEntry::category).containsExactlyInAnyOrder("Home", "Men", "Women");
        shop.consent("cook", Purpose.PERSONALIZATION);
        shop.track(shop.view("cook", "pan-1"));
        Navigation cook = shop.grat.navigation("cook");
        assertThat(cook.personalized()).isTrue();
        assertThat(cook.categories().getFirst().category()).isEqualTo("Home");
        assertThat(cook.categories().getFirst().reason()).isEqualTo("You often look at Home");
    }
}
