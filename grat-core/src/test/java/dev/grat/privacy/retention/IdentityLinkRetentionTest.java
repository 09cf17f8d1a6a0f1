package dev.grat.privacy.retention;

import dev.grat.EngineSettings;
import dev.grat.Grat;
import dev.grat.MovingClock;
import dev.grat.Shop;
import dev.grat.consent.ConsentChange;
import dev.grat.consent.Purpose;
import dev.grat.event.Channel;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.event.IngestResult;
import dev.grat.event.LineItem;
import dev.grat.event.TrackContext;
import dev.grat.privacy.PrivacyLevel;
import dev.grat.store.IdentityLink;
import dev.grat.store.InMemoryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The identity-links period of the data policy, enforced by the retention job with a moved clock. */
class IdentityLinkRetentionTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    private static final Duration LINKS_KEPT = Duration.ofDays(395);
    /** Purchases outlive the links (730 days by default): replaying them must not bring the links back. */
    private static final RetentionPeriods PERIODS = RetentionPeriods.defaults();

    private final MovingClock clock = new MovingClock(T0);
    private final InMemoryStore store = new InMemoryStore();
    private final AtomicInteger ids = new AtomicInteger();
    private final Grat grat = open();

    private Grat open() {
        Grat engine = Grat.builder().store(store).clock(clock).retention(PERIODS).retentionEvery(Duration.ZERO)
                .settings(EngineSettings.defaults().withPopularityRefresh(Duration.ZERO)).build();
        engine.putItems(List.of(Shop.item("shoe-1", "Trail Runner", "Women/Shoes", "Alpina", "89.00")));
        return engine;
    }

    @AfterEach
    void close() {
        grat.close();
    }

    @Test
    void theDefaultPolicyKeepsLinksFor395Days() {
        assertThat(PERIODS.identityLinks()).isEqualTo(LINKS_KEPT);
    }

    @Test
    void linksOlderThanThePeriod_leaveStoreAndGraph_andNewerOnesStay() {
        personal("phone");
        personal("laptop");
        personal("tablet");
        purchase("phone", "alice");
        purchase("laptop", "alice");
        clock.advance(Duration.ofDays(300));
        purchase("tablet", "alice");
        assertThat(grat.privacyLevel("phone")).isEqualTo(PrivacyLevel.CROSS_CHANNEL);
        String pseudonym = grat.pseudonymOf("alice");

        clock.advance(Duration.ofDays(100));
        RetentionReport report = grat.runRetention();

        RetentionReport.Category links = report.category("identity links");
        assertThat(links.removed()).isEqualTo(2);
        assertThat(links.cutoff()).isEqualTo(clock.instant().minus(LINKS_KEPT));
        assertThat(store.identities().linksOfCustomer(pseudonym)).extracting(IdentityLink::visitorId)
                .containsExactly("tablet");
        assertThat(grat.privacyLevel("phone")).isEqualTo(PrivacyLevel.FIRST_PARTY);
        assertThat(grat.privacyLevel("laptop")).isEqualTo(PrivacyLevel.FIRST_PARTY);
        assertThat(grat.privacyLevel("tablet")).isEqualTo(PrivacyLevel.CROSS_CHANNEL);
        assertThat(grat.export("phone").identityLinks()).isEmpty();
        assertThat(report.removedFrom()).anyMatch(place -> place.startsWith("identity graph"));
    }

    @Test
    void aRestartReplayingOldPurchases_doesNotBringExpiredLinksBack() {
        personal("phone");
        purchase("phone", "alice");
        clock.advance(Duration.ofDays(400));
        grat.runRetention();

        // The in-memory store closes with its engine: the second engine opens over it while the first is idle.
        try (Grat restarted = open()) {
            assertThat(store.events().eventsOf("phone")).hasSize(1);
            assertThat(store.identities().linksOfVisitor("phone")).isEmpty();
            assertThat(restarted.privacyLevel("phone")).isEqualTo(PrivacyLevel.FIRST_PARTY);
        }
    }

    @Test
    void theCustomersNextEvent_linksTheDeviceAgainFromNow() {
        personal("phone");
        purchase("phone", "alice");
        clock.advance(Duration.ofDays(400));
        grat.runRetention();

        purchase("phone", "alice");

        assertThat(store.identities().linksOfVisitor("phone")).extracting(IdentityLink::linkedAt)
                .containsExactly(clock.instant());
        assertThat(grat.privacyLevel("phone")).isEqualTo(PrivacyLevel.CROSS_CHANNEL);
    }

    private void personal(String visitorId) {
        grat.setConsent(visitorId, new ConsentChange(Map.of(Purpose.ANALYTICS, true, Purpose.PERSONALIZATION, true),
                "banner", "v1", false));
    }

    private void purchase(String visitorId, String customerId) {
        IngestResult result = grat.track(List.of(Event.builder().id("e" + ids.incrementAndGet()).type(EventType.PURCHASE)
                .visitorId(visitorId).customerId(customerId).channel(Channel.WEB).timestamp(clock.instant())
                .items(List.of(new LineItem("shoe-1", 1, new BigDecimal("89.00")))).currency("EUR").build()),
                TrackContext.none());
        assertThat(result.rejected()).isEmpty();
    }
}
