package dev.grat.profile;

import dev.grat.EngineSettings;
import dev.grat.Shop;
import dev.grat.catalog.Catalog;
import dev.grat.event.Channel;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.store.InMemoryStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InteractionTest {

    @Test
    void at_givesBackTheInstantItWasMadeWith_toTheNanosecond() {
        for (Instant at : List.of(Instant.parse("2026-11-30T01:02:03.123456789Z"), Instant.EPOCH,
                Instant.parse("1969-12-31T23:59:59.5Z"), Instant.MIN, Instant.MAX)) {
            Interaction interaction = new Interaction(EventType.PRODUCT_VIEW, "shoe-1", at);
            assertThat(interaction.at()).isEqualTo(at);
            assertThat(interaction.at().toString()).isEqualTo(at.toString());
        }
    }

    @Test
    void interactionsOfTheSameInstant_areEqual() {
        Instant at = Instant.parse("2026-11-30T01:02:03.456Z");
        assertThat(new Interaction(EventType.ADD_TO_CART, "hat", at))
                .isEqualTo(new Interaction(EventType.ADD_TO_CART, "hat", Instant.ofEpochMilli(at.toEpochMilli())))
                .hasSameHashCodeAs(new Interaction(EventType.ADD_TO_CART, "hat", at));
    }

    @Test
    void nanosOutsideASecond_areRefused() {
        assertThatThrownBy(() -> new Interaction(EventType.PRODUCT_VIEW, "hat", 0, 1_000_000_000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Interaction(EventType.PRODUCT_VIEW, "hat", 0, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMergedViewOfACustomer_listsTheInteractionsOfAllItsVisitorIds_newestFirst() {
        Catalog catalog = new Catalog(new InMemoryStore().catalog());
        catalog.put(List.of(Shop.item("shoe-1", "Trail Runner", "Women/Shoes", "Alpina", "89.00")), 100);
        ProfileBook book = new ProfileBook(EngineSettings.defaults(), catalog,
                new IdentityGraph(new InMemoryStore().identities(), () -> Instant.EPOCH));
        Instant t = Shop.NOW;
        book.apply(view("phone", "shoe-1", t.plusNanos(1)));
        book.apply(view("laptop", "bag-1", t.plusNanos(2)));
        book.apply(view("phone", "hat-1", t.minusSeconds(1)));
        book.apply(view("laptop", "cap-1", t.plusSeconds(1)));

        assertThat(book.view("phone", t.plusSeconds(5)).orElseThrow().recent())
                .extracting(Interaction::itemId).containsExactly("cap-1", "bag-1", "shoe-1", "hat-1");
    }

    private static Event view(String visitorId, String itemId, Instant at) {
        return Event.builder().id(visitorId + itemId).type(EventType.PRODUCT_VIEW).visitorId(visitorId)
                .customerId("c9").channel(Channel.WEB).timestamp(at).itemId(itemId).build();
    }
}
