package dev.grat.event;

import dev.grat.InvalidInputException;
import dev.grat.Shop;
import dev.grat.consent.Purpose;
import dev.grat.recommend.RecommendationRequest;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrackingTest {

    private final Shop shop = new Shop();

    @Test
    void withoutConsent_noEventIsStoredWithAnIdentifier_butAnonymousCountsAreKept() {
        IngestResult result = shop.track(shop.view("anon", "jacket-1"), shop.view("anon", "jacket-1"),
                shop.event(EventType.SEARCH, "anon").query("red jacket").build());
        assertThat(result.accepted()).isEqualTo(3);
        assertThat(result.anonymous()).isEqualTo(3);
        assertThat(result.personal()).isZero();
        assertThat(shop.store.events().eventsOf("anon")).isEmpty();
        assertThat(shop.store.events().personalEventCount()).isZero();
        assertThat(shop.grat.recommend(RecommendationRequest.home("someone-else", 1)).items().getFirst().id())
                .isEqualTo("jacket-1");
    }

    @Test
    void withAnalyticsConsent_eventsAreStoredWhole_butTheCustomerIdOnlyWithPersonalization() {
        shop.consent("v1", Purpose.ANALYTICS);
        shop.track(shop.event(EventType.PRODUCT_VIEW, "v1").itemId("shoe-1").customerId("c1").build());
        assertThat(shop.store.events().eventsOf("v1")).singleElement()
                .satisfies(e -> assertThat(e.customerId()).isNull());
        assertThat(shop.store.identities().linksOfVisitor("v1")).isEmpty();
    }

    @Test
    void sameIdTwice_acrossBatchesAndWithinOne_isStoredOnce() {
        shop.consent("v1", Purpose.ANALYTICS, Purpose.PERSONALIZATION);
        Event view = shop.view("v1", "shoe-1");
        IngestResult first = shop.track(view, view);
        IngestResult retry = shop.track(view);
        assertThat(first.accepted()).isEqualTo(2);
        assertThat(first.duplicates()).isEqualTo(1);
        assertThat(retry.duplicates()).isEqualTo(1);
        assertThat(shop.store.events().eventsOf("v1")).hasSize(1);
        assertThat(shop.grat.export("v1").profile().eventCount()).isEqualTo(1);
    }

    @Test
    void invalidEvent_isRejectedWithItsIndexAndField_andTheOthersGoIn() {
        shop.consent("v1", Purpose.ANALYTICS);
        IngestResult result = shop.track(shop.view("v1", "shoe-1"),
                shop.event(EventType.PRODUCT_VIEW, "v1").build(), shop.view("v1", "shoe-2"));
        assertThat(result.accepted()).isEqualTo(2);
        assertThat(result.rejected()).singleElement().satisfies(r -> {
            assertThat(r.index()).isEqualTo(1);
            assertThat(r.error().field()).isEqualTo("itemId");
        });
        assertThat(shop.store.events().eventsOf("v1")).hasSize(2);
    }

    @Test
    void emailEvents_needMarketingConsent_andGlobalPrivacyControlRefusesIt() {
        shop.consent("v1", Purpose.ANALYTICS, Purpose.MARKETING);
        Event open = shop.event(EventType.EMAIL_OPEN, "v1").channel(Channel.EMAIL).build();
        assertThat(shop.grat.track(List.of(open), new TrackContext(true)).anonymous()).isEqualTo(1);
        Event click = shop.event(EventType.EMAIL_CLICK, "v1").channel(Channel.EMAIL).build();
        assertThat(shop.grat.track(List.of(click), TrackContext.none()).personal()).isEqualTo(1);
        shop.consent("v2", Purpose.ANALYTICS);
        assertThat(shop.track(shop.event(EventType.EMAIL_OPEN, "v2").channel(Channel.EMAIL).build()).anonymous()).isEqualTo(1);
    }

    @Test
    void oversizedOrEmptyBatch_isRefusedAsAWhole() {
        assertThatThrownBy(() -> shop.grat.track(List.of(), TrackContext.none())).isInstanceOf(InvalidInputException.class);
        List<Event> tooMany = Collections.nCopies(shop.grat.settings().maxBatchSize() + 1, shop.view("v1", "shoe-1"));
        assertThatThrownBy(() -> shop.grat.track(tooMany, TrackContext.none()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at most 1000");
    }
}
