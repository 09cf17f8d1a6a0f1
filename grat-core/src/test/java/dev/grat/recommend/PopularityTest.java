package dev.grat.recommend;

import dev.grat.EngineSettings;
import dev.grat.catalog.Catalog;
import dev.grat.event.Channel;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.store.AnonymousTally;
import dev.grat.store.InMemoryStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

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
}
