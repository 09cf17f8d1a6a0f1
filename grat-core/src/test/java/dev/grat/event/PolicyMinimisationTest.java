package dev.grat.event;

import dev.grat.Shop;
import dev.grat.consent.Purpose;
import dev.grat.privacy.policy.DataCategory;
import dev.grat.privacy.policy.DataKind;
import dev.grat.privacy.policy.DataPolicy;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Data minimisation at ingestion: of a stored event, only the fields the policy declares for a granted purpose. */
class PolicyMinimisationTest {

    /**
     * Analytics may keep the product and the slot; personalization also the category, the search text and every
     * property; marketing covers e-mail opens with the campaign only; searches serve personalization only.
     */
    private static final DataPolicy POLICY = new DataPolicy("test-1", "Shop", "dpo@shop.example", List.of(
            events("views-for-analytics", Purpose.ANALYTICS, EnumSet.of(EventType.PRODUCT_VIEW),
                    List.of("itemId", "properties.slot")),
            events("views-for-personalization", Purpose.PERSONALIZATION,
                    EnumSet.of(EventType.PRODUCT_VIEW, EventType.SEARCH),
                    List.of("itemId", "categoryId", "query", "properties.*")),
            events("email", Purpose.MARKETING, EnumSet.of(EventType.EMAIL_OPEN), List.of("properties.campaign")),
            new DataCategory("links", "customer ids", DataKind.IDENTITY_LINKS, EnumSet.of(Purpose.PERSONALIZATION),
                    "Consent", Duration.ofDays(30), List.of(), EnumSet.allOf(EventType.class), List.of("customerId"))));

    private final Shop shop = new Shop(POLICY);

    private static DataCategory events(String id, Purpose purpose, EnumSet<EventType> types, List<String> fields) {
        return new DataCategory(id, "events", DataKind.EVENTS, EnumSet.of(purpose), "Consent", Duration.ofDays(30),
                List.of("the shop"), types, fields);
    }

    private Event fullView(String visitorId) {
        return shop.event(EventType.PRODUCT_VIEW, visitorId).itemId("shoe-1").categoryId("Women/Shoes")
                .customerId("c-1").decisionId("d-1").currency("EUR")
                .items(List.of(new LineItem("shoe-1", 1, new BigDecimal("89.00"))))
                .properties(Map.of("slot", "home", "referrer", "newsletter")).build();
    }

    @Test
    void analyticsOnly_keepsTheDeclaredFields_andDropsEachOtherField() {
        shop.consent("v1", Purpose.ANALYTICS);

        IngestResult result = shop.track(fullView("v1"));

        assertThat(result.personal()).isEqualTo(1);
        // categoryId, decisionId, currency, items, properties.referrer; the customer id goes by the consent rule
        assertThat(result.droppedFields()).isEqualTo(5);
        Event stored = shop.store.events().eventsOf("v1").getFirst();
        assertThat(stored.itemId()).isEqualTo("shoe-1");
        assertThat(stored.properties()).containsExactly(Map.entry("slot", "home"));
        assertThat(stored.categoryId()).isNull();
        assertThat(stored.decisionId()).isNull();
        assertThat(stored.currency()).isNull();
        assertThat(stored.items()).isEmpty();
        assertThat(stored.customerId()).isNull();
    }

    @Test
    void personalization_addsTheFieldsItsCategoriesDeclare() {
        shop.consent("v1", Purpose.PERSONALIZATION);

        IngestResult result = shop.track(fullView("v1"));

        assertThat(result.droppedFields()).isEqualTo(3);
        Event stored = shop.store.events().eventsOf("v1").getFirst();
        assertThat(stored.categoryId()).isEqualTo("Women/Shoes");
        assertThat(stored.customerId()).isNotNull(); // kept (pseudonymised by the store path)
        assertThat(stored.properties()).containsOnlyKeys("slot", "referrer");
        assertThat(stored.decisionId()).isNull();
        assertThat(shop.store.identities().linksOfVisitor("v1")).hasSize(1);
    }

    @Test
    void aTypeNoEventCategoryCoversForAGrantedPurpose_isKeptOnlyAsAnAnonymousCount() {
        shop.consent("v1", Purpose.ANALYTICS);

        IngestResult result = shop.track(shop.event(EventType.SEARCH, "v1").query("red shoes").build(),
                shop.event(EventType.PAGE_VIEW, "v1").build());

        assertThat(result.anonymous()).isEqualTo(2);
        assertThat(result.personal()).isZero();
        assertThat(shop.store.events().eventsOf("v1")).isEmpty();
    }

    @Test
    void emailEvents_keepOnlyTheCampaign_underMarketing() {
        shop.consent("v1", Purpose.ANALYTICS, Purpose.MARKETING);

        IngestResult result = shop.track(shop.event(EventType.EMAIL_OPEN, "v1").channel(Channel.EMAIL)
                .properties(Map.of("campaign", "spring", "client", "mobile")).build());

        assertThat(result.droppedFields()).isEqualTo(1);
        assertThat(shop.store.events().eventsOf("v1").getFirst().properties()).containsExactly(Map.entry("campaign", "spring"));
    }

    @Test
    void aRetriedEvent_isStoredOnce_andItsFieldsAreCountedOnce() {
        shop.consent("v1", Purpose.ANALYTICS);
        Event view = fullView("v1");

        assertThat(shop.track(view).droppedFields()).isEqualTo(5);
        assertThat(shop.track(view).droppedFields()).isZero();
    }

    @Test
    void withoutConsent_theConsentRuleStays_andNoPolicyFieldIsCounted() {
        IngestResult result = shop.track(fullView("anon"));

        assertThat(result.anonymous()).isEqualTo(1);
        assertThat(result.droppedFields()).isZero();
    }

    @Test
    void defaultPolicy_dropsNothingGratKeeps() {
        Shop plain = new Shop();
        plain.consent("v1", Purpose.ANALYTICS, Purpose.PERSONALIZATION, Purpose.MARKETING);
        Event view = plain.event(EventType.PRODUCT_VIEW, "v1").itemId("shoe-1").categoryId("Women/Shoes")
                .query("shoes").customerId("c-1").decisionId("d-1").currency("EUR")
                .properties(Map.of("slot", "home")).build();

        IngestResult result = plain.track(view, plain.purchase("v1", "shoe-2"),
                plain.event(EventType.EMAIL_CLICK, "v1").channel(Channel.EMAIL).itemId("shoe-3")
                        .properties(Map.of("campaign", "spring")).build());

        assertThat(result.personal()).isEqualTo(3);
        assertThat(result.droppedFields()).isZero();
        Event stored = plain.store.events().eventsOf("v1").getFirst();
        assertThat(stored).usingRecursiveComparison().ignoringFields("customerId").isEqualTo(view);
        assertThat(stored.customerId()).isNotNull();
    }
}
