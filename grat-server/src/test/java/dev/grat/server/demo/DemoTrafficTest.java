package dev.grat.server.demo;

import dev.grat.Grat;
import dev.grat.catalog.CategoryPaths;
import dev.grat.catalog.Item;
import dev.grat.event.Channel;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.recommend.RecommendationRequest;
import dev.grat.recommend.Recommendations;
import dev.grat.recommend.ScoredItem;
import dev.grat.store.InMemoryStore;
import dev.grat.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class DemoTrafficTest {

    private static final long SEED = 11;
    private static final int VISITORS = 300;

    private final DemoShop shop = DemoShop.generate(SEED);
    private final Grat grat = Grat.builder().store(new InMemoryStore()).build();
    private final DemoTraffic traffic = new DemoTraffic(grat, shop, SEED);

    @AfterEach
    void close() {
        traffic.close();
        grat.close();
    }

    @Test
    void history_sameSeedAndTime_givesTheSameVisitorsAndEvents() {
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        DemoTraffic other = new DemoTraffic(grat, DemoShop.generate(SEED), SEED, Clock.systemUTC());

        for (int index = 0; index < 20; index++) {
            assertThat(other.history(index, now)).isEqualTo(traffic.history(index, now));
        }
        assertThat(new DemoTraffic(grat, shop, SEED + 1).history(0, now)).isNotEqualTo(traffic.history(0, now));
    }

    @Test
    void history_eventIdsAreUniqueAndTimestampsLieInThePast30Days() {
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        List<Event> events = histories(now).stream().flatMap(history -> history.events().stream()).toList();

        assertThat(events).extracting(Event::id).doesNotHaveDuplicates();
        assertThat(events).allSatisfy(event -> assertThat(event.timestamp())
                .isBefore(now).isAfter(now.minus(DemoTraffic.HISTORY_WINDOW)));
    }

    @Test
    void history_coversEveryChannelEventTypeAndConsentAnswer() {
        List<DemoTraffic.VisitorHistory> histories = histories(Instant.now());
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        Set<ConsentChoice> answers = EnumSet.noneOf(ConsentChoice.class);
        for (DemoTraffic.VisitorHistory history : histories) {
            answers.add(history.shopper().consent());
            history.events().forEach(event -> {
                channels.add(event.channel());
                types.add(event.type());
            });
        }

        assertThat(answers).containsExactlyInAnyOrder(ConsentChoice.values());
        assertThat(channels).contains(Channel.WEB, Channel.APP, Channel.EMAIL);
        assertThat(types).contains(EventType.PAGE_VIEW, EventType.CATEGORY_VIEW, EventType.SEARCH,
                EventType.PRODUCT_VIEW, EventType.ADD_TO_CART, EventType.REMOVE_FROM_CART, EventType.PURCHASE,
                EventType.EMAIL_OPEN, EventType.EMAIL_CLICK);
    }

    @Test
    void history_purchasesCarryLineItemsWithPricesInEuro() {
        List<Event> purchases = histories(Instant.now()).stream().flatMap(history -> history.events().stream())
                .filter(event -> event.type() == EventType.PURCHASE).toList();

        assertThat(purchases).isNotEmpty().allSatisfy(purchase -> {
            assertThat(purchase.currency()).isEqualTo("EUR");
            assertThat(purchase.items()).isNotEmpty().allSatisfy(line -> {
                assertThat(line.quantity()).isPositive();
                assertThat(line.price()).isEqualTo(shop.items().stream()
                        .filter(item -> item.id().equals(line.itemId())).findFirst().orElseThrow().price());
            });
        });
    }

    @Test
    void history_knownCustomersUseTwoDevicesWithTheirCustomerId() {
        List<DemoTraffic.VisitorHistory> customers = histories(Instant.now()).stream()
                .filter(history -> history.shopper().customerId() != null).toList();

        assertThat(customers).isNotEmpty();
        assertThat(customers).anySatisfy(history -> {
            Set<String> devices = new HashSet<>();
            history.events().forEach(event -> devices.add(event.visitorId()));
            assertThat(devices).hasSize(2);
            assertThat(history.events()).allSatisfy(event ->
                    assertThat(event.customerId()).isEqualTo(history.shopper().customerId()));
        });
        assertThat(customers).allSatisfy(history -> assertThat(history.shopper().consent().personalizes()).isTrue());
    }

    @Test
    void generateHistory_sendsConsentAndEventsThatTheEngineKeepsByConsent() {
        shop.install(grat);

        DemoTraffic.Summary summary = traffic.generateHistory(VISITORS);

        assertThat(summary.visitors()).isEqualTo(VISITORS);
        assertThat(summary.events()).isGreaterThan(VISITORS * 5);
        assertThat(summary.consenting()).isBetween(VISITORS * 6 / 10, VISITORS * 9 / 10);
        assertThat(summary.purchases()).isPositive();
        assertThat(grat.stats().personalEvents()).isPositive().isLessThan(summary.events());
        Shopper refusing = firstShopper(ConsentChoice.REFUSED);
        assertThat(grat.export(refusing.visitorId()).events()).isEmpty();
        Shopper consenting = firstShopper(ConsentChoice.NO_MARKETING);
        assertThat(grat.export(consenting.visitorId()).events()).isNotEmpty();
    }

    @Test
    void generateHistory_again_storesNothingTwice() {
        shop.install(grat);
        traffic.generateHistory(100);
        long stored = grat.stats().personalEvents();

        traffic.generateHistory(100);

        assertThat(grat.stats().personalEvents()).isEqualTo(stored);
        Shopper consenting = firstShopper(ConsentChoice.EVERYTHING);
        assertThat(grat.consent(consenting.visitorId()).history()).hasSize(1);
    }

    @Test
    void generateHistory_onTheEmbeddedStore_storesNothingTwiceAfterARestart(@TempDir Path dataDir) {
        long stored;
        try (Grat first = Grat.builder().store(SqliteStore.open(dataDir)).build()) {
            shop.install(first);
            new DemoTraffic(first, shop, SEED).generateHistory(60);
            stored = first.stats().personalEvents();
        }

        try (Grat restarted = Grat.builder().store(SqliteStore.open(dataDir)).build()) {
            DemoTraffic.Summary again = new DemoTraffic(restarted, shop, SEED).generateHistory(60);

            assertThat(stored).isPositive();
            assertThat(again.events()).isGreaterThan(0);
            assertThat(restarted.stats().personalEvents()).isEqualTo(stored);
            assertThat(restarted.stats().items()).isEqualTo(shop.items().size());
        }
    }

    @Test
    void recommendations_forConsentingVisitors_arePersonalizedAndLeanToTheirTaste() {
        shop.install(grat);
        traffic.generateHistory(VISITORS);
        List<Double> sharesInTaste = new ArrayList<>();

        for (int index = 0; index < VISITORS; index++) {
            Shopper shopper = traffic.shopper(index);
            if (shopper.consent().personalizes() && shopper.secondDeviceId() == null) {
                Recommendations picks = grat.recommend(RecommendationRequest.home(shopper.visitorId(), 10));
                assertThat(picks.personalized()).isTrue();
                sharesInTaste.add(shareIn(picks, shopper.favouriteDepartment()));
            }
        }

        // Five departments: without personalization about a fifth of the picks would fall in any one of them.
        assertThat(sharesInTaste).hasSizeGreaterThan(50);
        assertThat(sharesInTaste.stream().mapToDouble(Double::doubleValue).average().orElseThrow())
                .isGreaterThan(0.6);
    }

    @Test
    void recommendations_forRefusingVisitors_areNotPersonalized() {
        shop.install(grat);
        traffic.generateHistory(100);

        Shopper refusing = firstShopper(ConsentChoice.REFUSED);

        assertThat(grat.recommend(RecommendationRequest.home(refusing.visitorId(), 10)).personalized()).isFalse();
    }

    @Test
    void startLive_sendsEventsUntilClosed() throws InterruptedException {
        shop.install(grat);
        traffic.generateHistory(50);
        long before = grat.stats().personalEvents();

        traffic.startLive(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (grat.stats().personalEvents() < before + 20 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        traffic.close();

        assertThat(grat.stats().personalEvents()).isGreaterThanOrEqualTo(before + 20);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread ->
                thread.getName().equals("grat-demo-live-traffic") && thread.isAlive());
    }

    private List<DemoTraffic.VisitorHistory> histories(Instant now) {
        return IntStream.range(0, VISITORS).mapToObj(index -> traffic.history(index, now)).toList();
    }

    private Shopper firstShopper(ConsentChoice choice) {
        return IntStream.range(0, VISITORS).mapToObj(traffic::shopper)
                .filter(shopper -> shopper.consent() == choice).findFirst().orElseThrow();
    }

    private double shareIn(Recommendations picks, String department) {
        long inTaste = picks.items().stream().map(ScoredItem::id).map(id -> grat.item(id).orElseThrow())
                .map(Item::category).filter(category -> CategoryPaths.root(category).equals(department)).count();
        return picks.items().isEmpty() ? 0 : (double) inTaste / picks.items().size();
    }
}
