package dev.grat.profile;

import dev.grat.Shop;
import dev.grat.consent.Purpose;
import dev.grat.event.EventType;
import dev.grat.privacy.SubjectExport;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ProfileTest {

    private final Shop shop = new Shop();

    @Test
    void profile_collectsAffinitiesPurchasesCartAndSearches() {
        shop.consent("v1", Purpose.ANALYTICS, Purpose.PERSONALIZATION);
        shop.track(shop.view("v1", "shoe-1"),
                shop.event(EventType.ADD_TO_CART, "v1").itemId("sock-1").build(),
                shop.event(EventType.SEARCH, "v1").query("running shoes").build(),
                shop.purchase("v1", "shoe-1"));
        ProfileView profile = shop.grat.export("v1").profile();
        assertThat(profile.categoryAffinity()).containsKeys("Women", "Women/Shoes", "Women/Socks");
        assertThat(profile.brandAffinity()).containsKey("Alpina");
        assertThat(profile.purchased()).containsEntry("shoe-1", 1);
        assertThat(profile.cart()).containsEntry("sock-1", 1);
        assertThat(profile.totalSpent()).isEqualByComparingTo(new BigDecimal("10.00"));
        assertThat(profile.recentSearches()).containsExactly("running shoes");
        assertThat(profile.recent().getFirst().itemId()).isEqualTo("shoe-1");
    }

    @Test
    void firstAndLastSeen_areTheEarliestAndLatestEventTimes_toTheNanosecond_whateverTheOrderOfArrival() {
        shop.consent("v1", Purpose.ANALYTICS, Purpose.PERSONALIZATION);
        Instant middle = Shop.NOW.minusSeconds(300).plusNanos(5);
        Instant earliest = Shop.NOW.minusSeconds(300).plusNanos(4);
        Instant latest = Shop.NOW.minusSeconds(60).plusNanos(999_999_999);
        shop.track(shop.event(EventType.PRODUCT_VIEW, "v1").itemId("shoe-1").timestamp(middle).build());
        shop.track(shop.event(EventType.PRODUCT_VIEW, "v1").itemId("shoe-2").timestamp(latest).build());
        shop.track(shop.event(EventType.PRODUCT_VIEW, "v1").itemId("sock-1").timestamp(earliest).build());

        ProfileView profile = shop.grat.export("v1").profile();
        assertThat(profile.firstSeen()).isEqualTo(earliest);
        assertThat(profile.lastSeen()).isEqualTo(latest);
        assertThat(profile.recent()).extracting(Interaction::itemId).containsExactly("sock-1", "shoe-2", "shoe-1");
    }

    @Test
    void customerId_linksDevices_onlyWithPersonalizationConsent() {
        shop.consent("phone", Purpose.PERSONALIZATION);
        shop.consent("laptop", Purpose.PERSONALIZATION);
        shop.consent("tablet", Purpose.ANALYTICS);
        shop.track(shop.event(EventType.PRODUCT_VIEW, "phone").itemId("pan-1").customerId("c9").build(),
                shop.event(EventType.PRODUCT_VIEW, "laptop").itemId("jacket-1").customerId("c9").build(),
                shop.event(EventType.PRODUCT_VIEW, "tablet").itemId("shoe-1").customerId("c9").build());
        assertThat(shop.store.identities().linksOfCustomer(shop.grat.pseudonymOf("c9"))).extracting(l -> l.visitorId())
                .containsExactlyInAnyOrder("phone", "laptop");
        var merged = shop.grat.recommend(dev.grat.recommend.RecommendationRequest.home("phone", 10));
        assertThat(merged.personalized()).isTrue();
        SubjectExport phone = shop.grat.export("phone");
        assertThat(phone.identityLinks()).singleElement().satisfies(l -> assertThat(l.customerId()).isEqualTo(shop.grat.pseudonymOf("c9")));
    }

    @Test
    void grantingPersonalizationLater_buildsTheProfileFromStoredEvents_andWithdrawingDropsIt() {
        shop.consent("v1", Purpose.ANALYTICS);
        shop.track(shop.view("v1", "jacket-1"));
        assertThat(shop.grat.export("v1").profile()).isNull();
        shop.consent("v1", Purpose.ANALYTICS, Purpose.PERSONALIZATION);
        assertThat(shop.grat.export("v1").profile().eventCount()).isEqualTo(1);
        shop.consent("v1", Purpose.ANALYTICS);
        assertThat(shop.grat.export("v1").profile()).isNull();
        assertThat(shop.grat.export("v1").events()).hasSize(1);
    }

    @Test
    void decayingScore_halvesEveryHalfLife_andANegativeWeightTakesItBack() {
        DecayingScore score = new DecayingScore(Duration.ofDays(1));
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        score.add(8, t0);
        assertThat(score.valueAt(t0.plus(Duration.ofDays(2)))).isCloseTo(2, within(1e-9));
        score.add(4, t0.plus(Duration.ofDays(1)));
        assertThat(score.valueAt(t0.plus(Duration.ofDays(1)))).isCloseTo(8, within(1e-9));
        score.add(-8, t0);
        score.add(-4, t0.plus(Duration.ofDays(1)));
        assertThat(score.valueAt(t0.plus(Duration.ofDays(3)))).isZero();
    }

    @Test
    void restart_rebuildsProfilesFromTheStore() {
        shop.consent("v1", Purpose.ANALYTICS, Purpose.PERSONALIZATION);
        shop.track(shop.view("v1", "shoe-1"), shop.view("v1", "shoe-2"), shop.purchase("v1", "shoe-3"));
        var before = shop.grat.recommend(dev.grat.recommend.RecommendationRequest.home("v1", 5));
        var after = shop.engine().recommend(dev.grat.recommend.RecommendationRequest.home("v1", 5));
        assertThat(after).isEqualTo(before);
    }
}
