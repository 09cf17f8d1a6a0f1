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
import dev.grat.event.TrackContext;
import dev.grat.recommend.RecommendationRequest;
import dev.grat.recommend.ScoredItem;
import dev.grat.store.AnonymousTally;
import dev.grat.store.InMemoryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class RetentionJobTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    private static final Duration VIEWS_KEPT = Duration.ofDays(30);
    private static final RetentionPeriods PERIODS = RetentionPeriods.defaults().withAllEvents(Duration.ofDays(365))
            .withEvent(EventType.PRODUCT_VIEW, VIEWS_KEPT).withAnonymousTallies(Duration.ofDays(60))
            .withAuditLog(Duration.ofDays(90));

    private final MovingClock clock = new MovingClock(T0);
    private final InMemoryStore store = new InMemoryStore();
    private final Grat grat = Grat.builder().store(store).clock(clock).retention(PERIODS)
            .retentionEvery(Duration.ZERO)
            .settings(EngineSettings.defaults().withPopularityRefresh(Duration.ZERO)).build();
    private final AtomicInteger ids = new AtomicInteger();

    RetentionJobTest() {
        grat.putItems(List.of(
                Shop.item("jacket-1", "Rain Jacket", "Men/Jackets", "Nordic", "149.00"),
                Shop.item("jacket-2", "Down Jacket", "Men/Jackets", "Nordic", "229.00"),
                Shop.item("shoe-1", "Trail Runner", "Women/Shoes", "Alpina", "89.00"),
                Shop.item("shoe-2", "City Sneaker", "Women/Shoes", "Alpina", "59.00"),
                Shop.item("pan-1", "Iron Pan", "Home/Kitchen", "Ferro", "39.00")));
    }

    @AfterEach
    void close() {
        grat.close();
    }

    @Test
    void expiredEvents_leaveStoreExportPopularityCoOccurrenceAndModel_andRecentOnesStay() {
        personal("old");
        personal("recent");
        track(view("old", "jacket-1", T0), view("old", "jacket-2", T0.plusSeconds(1)));
        clock.advance(Duration.ofDays(20));
        track(view("recent", "shoe-1", clock.instant()), view("recent", "shoe-2", clock.instant().plusSeconds(1)));
        assertThat(productNeighbours("jacket-1")).extracting(ScoredItem::id).contains("jacket-2");
        assertThat(grat.trainModel().users()).isEqualTo(2);

        clock.advance(Duration.ofDays(11));
        RetentionReport report = grat.runRetention();

        assertThat(report.category("events.product_view").removed()).isEqualTo(2);
        assertThat(report.category("events.product_view").cutoff()).isEqualTo(clock.instant().minus(VIEWS_KEPT));
        assertThat(report.profilesRebuilt()).isEqualTo(1);
        assertThat(store.events().eventsOf("old")).isEmpty();
        assertThat(grat.export("old").events()).isEmpty();
        assertThat(grat.export("old").profile()).isNull();
        assertThat(productNeighbours("jacket-1")).extracting(ScoredItem::reason)
                .noneMatch(reason -> reason.contains("viewed together"));
        assertThat(popular()).doesNotContain("jacket-1", "jacket-2").contains("shoe-1", "shoe-2");
        assertThat(grat.stats().coOccurrencePairs()).isEqualTo(1);
        assertThat(grat.export("recent").events()).hasSize(2);
        assertThat(grat.export("recent").profile().eventCount()).isEqualTo(2);
        assertThat(productNeighbours("shoe-1").getFirst().id()).isEqualTo("shoe-2");
        assertThat(grat.trainModel().users()).isEqualTo(1);
    }

    @Test
    void aVisitorWithOldAndRecentEvents_keepsAProfileOfTheRecentOnes_andTheirCustomerLink() {
        personal("mixed");
        track(Event.builder().id("e-old").type(EventType.PRODUCT_VIEW).visitorId("mixed").customerId("c-9")
                .channel(Channel.WEB).timestamp(T0).itemId("jacket-1").build());
        clock.advance(Duration.ofDays(25));
        track(view("mixed", "pan-1", clock.instant()));
        clock.advance(Duration.ofDays(10));
        String customer = grat.export("mixed").profile().customerId();

        grat.runRetention();

        var profile = grat.export("mixed").profile();
        assertThat(profile.eventCount()).isEqualTo(1);
        assertThat(profile.recent()).extracting(i -> i.itemId()).containsExactly("pan-1");
        assertThat(profile.customerId()).isNotNull().isEqualTo(customer);
        assertThat(store.identities().linksOfVisitor("mixed")).hasSize(1);
    }

    @Test
    void eventsOfATypeWithALongerPeriod_stay() {
        personal("buyer");
        track(view("buyer", "jacket-1", T0), Event.builder().id("p1").type(EventType.ADD_TO_CART).visitorId("buyer")
                .channel(Channel.WEB).timestamp(T0).itemId("jacket-2").build());
        clock.advance(Duration.ofDays(31));

        RetentionReport report = grat.runRetention();

        assertThat(report.category("events.add_to_cart").removed()).isZero();
        assertThat(store.events().eventsOf("buyer")).extracting(Event::type).containsExactly(EventType.ADD_TO_CART);
    }

    @Test
    void expiredAnonymousTallies_leavePopularity() {
        track(view("no-consent", "pan-1", T0));
        clock.advance(Duration.ofDays(30));
        track(view("no-consent", "shoe-1", clock.instant()));
        assertThat(popular()).contains("pan-1", "shoe-1");
        clock.advance(Duration.ofDays(31));

        RetentionReport report = grat.runRetention();

        assertThat(report.category("anonymous tallies").removed()).isEqualTo(1);
        assertThat(tallies()).extracting(AnonymousTally::itemId).containsExactly("shoe-1");
        assertThat(popular()).containsExactly("shoe-1");
    }

    @Test
    void hooks_getTheCutoffOfTheirPeriod_andTheirCountIsReported() {
        List<Instant> cutoffs = new ArrayList<>();
        grat.addRetentionHook(new RetentionHook() {
            @Override
            public String category() {
                return "audit log";
            }

            @Override
            public Duration period(RetentionPeriods periods) {
                return periods.auditLog();
            }

            @Override
            public long eraseBefore(Instant cutoff) {
                cutoffs.add(cutoff);
                return 3;
            }
        });

        RetentionReport report = grat.runRetention();

        assertThat(cutoffs).containsExactly(T0.minus(Duration.ofDays(90)));
        assertThat(report.category("audit log").removed()).isEqualTo(3);
    }

    @Test
    void aSecondRun_removesNothing() {
        personal("old");
        track(view("old", "jacket-1", T0));
        clock.advance(Duration.ofDays(31));
        grat.runRetention();

        RetentionReport again = grat.runRetention();

        assertThat(again.totalRemoved()).isZero();
        assertThat(again.profilesRebuilt()).isZero();
        assertThat(again.removedFrom()).isEmpty();
    }

    @Test
    void periods_mustBePositive() {
        Map<EventType, Duration> zero = new EnumMap<>(EventType.class);
        zero.put(EventType.SEARCH, Duration.ZERO);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RetentionPeriods(zero, Duration.ofDays(1),
                        Duration.ofDays(1), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("events[search]");
        assertThat(RetentionPeriods.defaults().of(EventType.PURCHASE)).isEqualTo(Duration.ofDays(730));
    }

    private void personal(String visitorId) {
        grat.setConsent(visitorId, new ConsentChange(Map.of(Purpose.ANALYTICS, true, Purpose.PERSONALIZATION, true),
                "banner", "v1", false));
    }

    private Event view(String visitorId, String itemId, Instant at) {
        return Event.builder().id("e" + ids.incrementAndGet()).type(EventType.PRODUCT_VIEW).visitorId(visitorId)
                .channel(Channel.WEB).timestamp(at).itemId(itemId).build();
    }

    private void track(Event... events) {
        grat.track(List.of(events), TrackContext.none());
    }

    private List<ScoredItem> productNeighbours(String itemId) {
        return grat.recommend(RecommendationRequest.product(null, itemId, 3)).items();
    }

    /** The items with a positive popularity, as a visitor without profile is shown them. */
    private List<String> popular() {
        return grat.recommend(RecommendationRequest.home(null, 10)).items().stream()
                .filter(item -> item.score() > 0).map(ScoredItem::id).toList();
    }

    private List<AnonymousTally> tallies() {
        List<AnonymousTally> tallies = new ArrayList<>();
        store.events().forEachTally(tallies::add);
        return tallies;
    }
}
