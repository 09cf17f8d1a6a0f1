package dev.grat.privacy;

import dev.grat.Shop;
import dev.grat.consent.Purpose;
import dev.grat.event.EventType;
import dev.grat.recommend.RecommendationRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErasureTest {

    private final Shop shop = new Shop();

    @Test
    void export_holdsEventsProfileConsentAndLinks() {
        shop.consent("v1", Purpose.ANALYTICS, Purpose.PERSONALIZATION);
        shop.track(shop.event(EventType.PRODUCT_VIEW, "v1").itemId("shoe-1").customerId("c1").build());
        SubjectExport export = shop.grat.export("v1");
        assertThat(export.events()).hasSize(1);
        assertThat(export.profile().eventCount()).isEqualTo(1);
        assertThat(export.consent().history()).hasSize(1);
        assertThat(export.identityLinks()).hasSize(1);
    }

    @Test
    void erase_removesTheVisitorFromStoreProfileAndCounts_andLeavesOthersIntact() {
        shop.consent("v1", Purpose.ANALYTICS, Purpose.PERSONALIZATION);
        shop.consent("v2", Purpose.ANALYTICS, Purpose.PERSONALIZATION);
        shop.track(shop.event(EventType.PRODUCT_VIEW, "v1").itemId("jacket-1").customerId("c1").build(),
                shop.view("v1", "jacket-2"), shop.view("v2", "shoe-1"), shop.view("v2", "shoe-2"));
        var before = shop.grat.recommend(RecommendationRequest.product(null, "jacket-1", 1));
        assertThat(before.items().getFirst().id()).isEqualTo("jacket-2");

        ErasureReceipt receipt = shop.grat.erase("v1");

        assertThat(receipt.events()).isEqualTo(2);
        assertThat(receipt.consentEntries()).isEqualTo(1);
        assertThat(receipt.identityLinks()).isEqualTo(1);
        assertThat(receipt.removedFrom()).contains("profile", "co-occurrence counts");
        SubjectExport after = shop.grat.export("v1");
        assertThat(after.events()).isEmpty();
        assertThat(after.profile()).isNull();
        assertThat(after.consent().history()).isEmpty();
        assertThat(after.identityLinks()).isEmpty();
        assertThat(shop.store.identities().linksOfCustomer("c1")).isEmpty();
        var recs = shop.grat.recommend(RecommendationRequest.product(null, "jacket-1", 1));
        assertThat(recs.items().getFirst().reason()).doesNotContain("viewed together");
        assertThat(shop.grat.stats().coOccurrencePairs()).isEqualTo(1);
        assertThat(shop.grat.export("v2").events()).hasSize(2);
    }

    @Test
    void eraseCustomer_reachesEveryLinkedVisitorId_andLeavesOthers() {
        for (String device : new String[] {"phone", "laptop", "stranger"}) {
            shop.consent(device, Purpose.ANALYTICS, Purpose.PERSONALIZATION);
        }
        shop.track(shop.event(EventType.PRODUCT_VIEW, "phone").itemId("pan-1").customerId("c7").build(),
                shop.event(EventType.PRODUCT_VIEW, "laptop").itemId("pan-2").customerId("c7").build(),
                shop.view("stranger", "shoe-1"));

        var receipts = shop.grat.eraseCustomer("c7");

        assertThat(receipts).extracting(ErasureReceipt::visitorId).containsExactlyInAnyOrder("phone", "laptop");
        assertThat(shop.store.events().eventsOf("phone")).isEmpty();
        assertThat(shop.store.events().eventsOf("laptop")).isEmpty();
        assertThat(shop.store.identities().linksOfCustomer("c7")).isEmpty();
        assertThat(shop.store.events().eventsOf("stranger")).hasSize(1);
        assertThat(shop.grat.eraseCustomer("nobody")).isEmpty();
    }
}
