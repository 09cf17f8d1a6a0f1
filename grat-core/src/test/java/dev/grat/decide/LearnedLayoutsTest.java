package dev.grat.decide;

import dev.grat.Shop;
import dev.grat.consent.Purpose;
import dev.grat.decide.bandit.PolicyConfig;
import dev.grat.event.Channel;
import dev.grat.event.EventType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LearnedLayoutsTest {

    private final Shop shop = new Shop();

    private void greetings() {
        shop.grat.putContent("greeting", List.of(
                new ContentVariant("buyer", "Welcome back",
                        List.of(new Condition(ProfileField.PURCHASE_COUNT, Comparison.GTE, "1"))),
                new ContentVariant("sale", "Sale on shoes", List.of()),
                new ContentVariant("default", "Welcome", List.of())));
    }

    @Test
    void withoutALearningSlot_rulesDecide_andSayso() {
        greetings();
        shop.consent("v1", Purpose.PERSONALIZATION);
        assertThat(shop.grat.content("v1", "greeting").policy()).isEqualTo("rules");
        assertThat(shop.grat.content("v1", "greeting").decisionId()).isNull();
        assertThat(shop.grat.navigation("v1").policy()).isEqualTo("rules");
    }

    @Test
    void contentSlotSwitchedToALearningPolicy_isDecidedLoggedAndLearnsFromClicks() {
        greetings();
        shop.grat.configureSlot("content.greeting", PolicyConfig.epsilonGreedy());
        shop.consent("v1", Purpose.ANALYTICS, Purpose.PERSONALIZATION);

        ContentDecision decision = shop.grat.content("v1", "greeting");

        assertThat(decision.decisionId()).isNotNull();
        assertThat(decision.policy()).isNotEqualTo("rules");
        assertThat(decision.variantId()).isIn("buyer", "sale", "default");
        shop.track(shop.event(EventType.OFFER_CLICK, "v1").channel(Channel.WEB).decisionId(decision.decisionId()).build());
        assertThat(shop.grat.loggedDecisions("content.greeting")).singleElement()
                .satisfies(record -> assertThat(record.id()).isEqualTo(decision.decisionId()));
    }

    @Test
    void navigationSwitchedToALearningPolicy_ordersTheSameCategories_withADecisionId() {
        shop.grat.configureSlot("navigation", PolicyConfig.linUcb());
        shop.consent("v1", Purpose.PERSONALIZATION);
        shop.track(shop.view("v1", "pan-1"));

        Navigation navigation = shop.grat.navigation("v1");

        assertThat(navigation.decisionId()).isNotNull();
        assertThat(navigation.categories()).extracting(NavigationEntry::category)
                .containsExactlyInAnyOrder("Home", "Men", "Women");
        assertThat(navigation.reason()).contains("learning policy");
    }
}
