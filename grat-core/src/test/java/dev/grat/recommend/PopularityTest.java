package dev.grat.recommend;

import dev.grat.EngineSettings;
import dev.grat.catalog.Catalog;
import dev.grat.catalog.Item;
import dev.grat.event.Channel;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.store.AnonymousTally;
import dev.grat.store.InMemoryStore;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PopularityTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-02T12:00:00Z"), ZoneOffset.UTC);
    private final Catalog catalog = new Catalog(new InMemoryStore().catalog());

    /** A restart (or another node) rebuilds anonymous counts from hourly tallies: memory must count them alike. */
    @Test
    void anAnonymousEvent_countsInMemoryExactlyAsItsStoredTallyIsCountedAfterARestart() {
        Popularity live = new Popularity(EngineSettings.defaults(), catalog, clock);
        Popularity rebuilt = new Popularity(EngineSettings.defaults(), catalog, clock);
        Event view = Event.builder().id("e1").type(EventType.PRODUCT_VIEW).channel(Channel.WEB)
                .timestamp(Instant.parse("2026-03-02T10:59:59Z")).itemId("a").build();

        live.addAnonymous(view);
        AnonymousTally.of(view).forEach(rebuilt::addTally);

        assertThat(live.of("a")).isPositive().isEqualTo(rebuilt.of("a"));
    }

    @Test
    void aPersonalEvent_countsAtItsOwnTime() {
        Popularity atEvent = new Popularity(EngineSettings.defaults(), catalog, clock);
        Popularity atHour = new Popularity(EngineSettings.defaults(), catalog, clock);
        Event view = Event.builder().id("e1").type(EventType.PRODUCT_VIEW).visitorId("v1").channel(Channel.WEB)
                .timestamp(Instant.parse("2026-03-02T10:59:59Z")).itemId("a").build();

        atEvent.add(view, 1);
        atHour.addAnonymous(view);

        assertThat(atEvent.of("a")).isGreaterThan(atHour.of("a"));
    }

    @Test
    void theRanking_whileEventsArrive_isAnsweredAtOnceFromTheLastOneAndRecomputedInTheBackground() throws Exception {
        catalog.put(List.of(item("a"), item("b")), 100);
        Popularity popularity = new Popularity(EngineSettings.defaults().withPopularityRefresh(Duration.ofNanos(1)),
                catalog, clock);
        popularity.add(view("e1", "a"), 1);
        Popularity.Ranking first = popularity.ranking();
        assertThat(first.ids()).containsExactly("a");

        popularity.add(view("e2", "b"), 1);
        popularity.add(view("e3", "b"), 1);
        Thread.sleep(1);

        assertThat(popularity.ranking()).isSameAs(first);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!popularity.ranking().ids().equals(List.of("b", "a")) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(popularity.ranking().ids()).containsExactly("b", "a");
        assertThat(popularity.ranking().top()).isEqualTo(popularity.of("b"));
    }

    @Test
    void theRanking_withARefreshIntervalOfZero_isExactAfterEveryEvent() {
        catalog.put(List.of(item("a"), item("b")), 100);
        Popularity popularity = new Popularity(EngineSettings.defaults().withPopularityRefresh(Duration.ZERO),
                catalog, clock);
        popularity.add(view("e1", "a"), 1);
        assertThat(popularity.ranking().ids()).containsExactly("a");

        popularity.add(view("e2", "b"), 1);
        popularity.add(view("e3", "b"), 1);

        assertThat(popularity.ranking().ids()).containsExactly("b", "a");
    }

    private static Item item(String id) {
        return new Item(id, "Title " + id, "Shoes", null, BigDecimal.TEN, true, null);
    }

    private Event view(String id, String itemId) {
        return Event.builder().id(id).type(EventType.PRODUCT_VIEW).visitorId("v1").channel(Channel.WEB)
                .timestamp(clock.instant()).itemId(itemId).build();
    }
}
