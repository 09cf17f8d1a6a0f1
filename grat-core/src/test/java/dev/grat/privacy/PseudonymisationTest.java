package dev.grat.privacy;

import dev.grat.EngineSettings;
import dev.grat.Grat;
import dev.grat.Shop;
import dev.grat.consent.ConsentChange;
import dev.grat.consent.Purpose;
import dev.grat.event.Channel;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.event.IngestResult;
import dev.grat.event.TrackContext;
import dev.grat.privacy.pseudonym.PseudonymKeys;
import dev.grat.recommend.RecommendationRequest;
import dev.grat.store.IdentityLink;
import dev.grat.store.InMemoryStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Customer ids and e-mail addresses are kept only as keyed pseudonyms, across key rotation and erasure. */
class PseudonymisationTest {

    private static final String K1 = "k1:" + secret(1);
    private static final String K2 = "k2:" + secret(2);

    private final InMemoryStore store = new InMemoryStore();
    private final Clock clock = Clock.fixed(Shop.NOW, ZoneOffset.UTC);
    private final AtomicInteger ids = new AtomicInteger();

    @Test
    void anEmailCustomerId_isAccepted_andOnlyItsPseudonymIsStoredLinkedAndExported() {
        Grat grat = engine(K1);
        consent(grat, "phone");

        IngestResult result = grat.track(List.of(view("phone", "shoe-1", "Alice@Example.com")), TrackContext.none());

        assertThat(result.rejected()).isEmpty();
        String pseudonym = grat.pseudonymOf("alice@example.com");
        assertThat(pseudonym).startsWith("p.k1.");
        assertThat(store.events().eventsOf("phone")).singleElement()
                .satisfies(event -> assertThat(event.customerId()).isEqualTo(pseudonym));
        assertThat(store.identities().linksOfVisitor("phone")).extracting(IdentityLink::customerId)
                .containsExactly(pseudonym);
        SubjectExport export = grat.export("phone");
        assertThat(export.toString()).doesNotContainIgnoringCase("alice@example.com").contains(pseudonym);
        assertThat(grat.privacyLevel("phone")).isEqualTo(PrivacyLevel.CROSS_CHANNEL);
    }

    @Test
    void afterKeyRotation_aReturningCustomerStaysLinked_newCustomersGetTheNewKey_andErasureFindsBoth() {
        Grat before = engine(K1);
        consent(before, "phone");
        before.track(List.of(view("phone", "shoe-1", "alice@example.com")), TrackContext.none());
        String alice = before.pseudonymOf("alice@example.com");

        Grat rotated = engine(K2 + "," + K1);
        consent(rotated, "laptop");
        consent(rotated, "tablet");
        rotated.track(List.of(view("laptop", "jacket-1", " ALICE@example.com"), view("tablet", "pan-1", "bob@example.com")),
                TrackContext.none());

        assertThat(store.identities().linksOfCustomer(alice)).extracting(IdentityLink::visitorId)
                .containsExactlyInAnyOrder("phone", "laptop");
        assertThat(rotated.pseudonymOf("bob@example.com")).startsWith("p.k2.");
        assertThat(rotated.pseudonymKeyUsage()).containsExactly(Map.entry("k2", 1L), Map.entry("k1", 1L),
                Map.entry("other", 0L));
        assertThat(rotated.recommend(RecommendationRequest.home("laptop", 5)).dataUsed())
                .contains(DataUse.LINKED_IDENTITIES);

        List<ErasureReceipt> receipts = rotated.eraseCustomer("Alice@Example.com");

        assertThat(receipts).extracting(ErasureReceipt::visitorId).containsExactlyInAnyOrder("phone", "laptop");
        assertThat(store.identities().linksOfCustomer(alice)).isEmpty();
        assertThat(store.events().eventsOf("tablet")).hasSize(1);
        assertThat(rotated.eraseCustomer(rotated.pseudonymOf("bob@example.com"))).extracting(ErasureReceipt::visitorId)
                .containsExactly("tablet");
    }

    @Test
    void withoutTheOldKey_aReturningCustomerIsNotRecognised_whichIsWhyAKeyIsRetiredOnlyWhenUnused() {
        Grat before = engine(K1);
        consent(before, "phone");
        before.track(List.of(view("phone", "shoe-1", "carol@example.com")), TrackContext.none());
        String underK1 = before.pseudonymOf("carol@example.com");

        Grat retiredTooEarly = engine(K2);

        assertThat(retiredTooEarly.pseudonymKeyUsage()).containsEntry("other", 1L);
        assertThat(retiredTooEarly.pseudonymOf("carol@example.com")).isNotEqualTo(underK1);
        assertThat(retiredTooEarly.eraseCustomer("carol@example.com")).isEmpty();
    }

    private Grat engine(String keys) {
        Grat grat = Grat.builder().store(store).clock(clock).pseudonymKeys(PseudonymKeys.parse(keys))
                .settings(EngineSettings.defaults().withPopularityRefresh(Duration.ZERO)).build();
        grat.putItems(List.of(Shop.item("shoe-1", "Trail Runner", "Women/Shoes", "Alpina", "89.00"),
                Shop.item("jacket-1", "Rain Jacket", "Men/Jackets", "Nordic", "149.00"),
                Shop.item("pan-1", "Iron Pan", "Home/Kitchen", "Ferro", "39.00")));
        return grat;
    }

    private static void consent(Grat grat, String visitorId) {
        grat.setConsent(visitorId, new ConsentChange(Map.of(Purpose.PERSONALIZATION, true), "banner", "v1", false));
    }

    private Event view(String visitorId, String itemId, String customerId) {
        return Event.builder().id("e" + ids.incrementAndGet()).type(EventType.PRODUCT_VIEW).visitorId(visitorId)
                .customerId(customerId).channel(Channel.WEB).timestamp(Shop.NOW.minusSeconds(60)).itemId(itemId).build();
    }

    private static String secret(int seed) {
        byte[] bytes = new byte[32];
        new Random(seed).nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
