package dev.grat.profile;

import dev.grat.EngineSettings;
import dev.grat.MovingClock;
import dev.grat.Shop;
import dev.grat.catalog.Catalog;
import dev.grat.event.Channel;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.store.InMemoryStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SessionProfilesTest {

    private final MovingClock clock = new MovingClock(Shop.NOW);
    private final Catalog catalog = catalog();

    @Test
    void aSession_collectsTheVisitsInteractions_andEndsAfterTheIdleTimeout() {
        SessionProfiles sessions = sessions(Duration.ofMinutes(30), 10);
        sessions.apply(view("v1", "shoe-1"));
        clock.advance(Duration.ofMinutes(20));
        sessions.apply(view("v1", "shoe-2"));

        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.view("v1", clock.instant())).hasValueSatisfying(view -> {
            assertThat(view.recent()).extracting(Interaction::itemId).containsExactly("shoe-2", "shoe-1");
            assertThat(view.categoryAffinity()).containsKey("Women/Shoes");
            assertThat(view.customerId()).isNull();
        });

        clock.advance(Duration.ofMinutes(2));
        assertThat(sessions.view("v1", clock.instant())).isEmpty();
        assertThat(sessions.size()).isZero();
    }

    @Test
    void beyondTheLimit_theLeastRecentlyActiveSessionIsDroppedFirst() {
        SessionProfiles sessions = sessions(Duration.ofMinutes(30), 2);
        sessions.apply(view("a", "shoe-1"));
        clock.advance(Duration.ofSeconds(1));
        sessions.apply(view("b", "shoe-1"));
        clock.advance(Duration.ofSeconds(1));
        sessions.apply(view("a", "shoe-2"));
        clock.advance(Duration.ofSeconds(1));

        sessions.apply(view("c", "shoe-1"));

        assertThat(sessions.contains("b")).isFalse();
        assertThat(sessions.contains("a")).isTrue();
        assertThat(sessions.contains("c")).isTrue();
        assertThat(sessions.size()).isEqualTo(2);
    }

    @Test
    void drop_endsTheSession() {
        SessionProfiles sessions = sessions(Duration.ofMinutes(30), 10);
        sessions.apply(view("v1", "shoe-1"));

        assertThat(sessions.drop("v1")).isTrue();

        assertThat(sessions.view("v1", clock.instant())).isEmpty();
        assertThat(sessions.drop("v1")).isFalse();
    }

    private SessionProfiles sessions(Duration idle, int max) {
        return new SessionProfiles(new SessionSettings(idle, max), EngineSettings.defaults(), catalog, clock);
    }

    private Event view(String visitorId, String itemId) {
        return Event.builder().id(visitorId + itemId + clock.instant()).type(EventType.PRODUCT_VIEW).visitorId(visitorId)
                .channel(Channel.WEB).timestamp(clock.instant()).itemId(itemId).build();
    }

    private static Catalog catalog() {
        Catalog catalog = new Catalog(new InMemoryStore().catalog());
        catalog.put(List.of(Shop.item("shoe-1", "Trail Runner", "Women/Shoes", "Alpina", "89.00"),
                Shop.item("shoe-2", "City Sneaker", "Women/Shoes", "Alpina", "59.00")), 100);
        return catalog;
    }
}
