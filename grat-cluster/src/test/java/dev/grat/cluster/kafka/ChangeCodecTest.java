package dev.grat.cluster.kafka;

import dev.grat.catalog.Item;
import dev.grat.consent.ConsentState;
import dev.grat.consent.Purpose;
import dev.grat.event.Channel;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.event.LineItem;
import dev.grat.store.AnonymousTally;
import dev.grat.store.IdentityLink;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeCodecTest {

    private final ChangeCodec codec = new ChangeCodec();

    @Test
    void everyKindOfChange_survivesTheRoundTripUnchanged() {
        Event purchase = new Event("e1", EventType.PURCHASE, "v1", "c1", Channel.APP,
                Instant.parse("2026-03-02T10:00:00.123Z"), null, "Women/Shoes", null,
                List.of(new LineItem("a", 2, new BigDecimal("19.90")), new LineItem("b", 1, null)), "EUR", "d1",
                Map.of("slot", "home"));
        Event anonymous = new Event("e2", EventType.PRODUCT_VIEW, null, null, Channel.WEB,
                Instant.parse("2026-03-02T10:00:00Z"), "a", null, null, List.of(), null, null, Map.of());
        List<Change> changes = List.of(
                new Change.Events("v1", List.of(purchase), List.of()),
                new Change.Events(null, List.of(), List.of(anonymous)),
                new Change.Consent(new ConsentState("v1", EnumSet.of(Purpose.NECESSARY, Purpose.PERSONALIZATION),
                        Instant.parse("2026-03-02T09:00:00Z"), "2026-01", true, false)),
                new Change.Erasure("x1", "v1", List.of(purchase.anonymized())),
                new Change.Items(List.of(new Item("a", "Trail Runner", "Women/Shoes", "Acme",
                        new BigDecimal("89.90"), true, Map.of("colour", "red")))),
                new Change.ExpiredEvents("v1", List.of(purchase)),
                new Change.ExpiredTallies("t1", List.of(new AnonymousTally(EventType.PRODUCT_VIEW, "a", null,
                        Instant.parse("2026-01-02T10:00:00Z"), 7), new AnonymousTally(EventType.SEARCH, null,
                        "Women/Shoes", Instant.parse("2026-01-02T11:00:00Z"), 2))),
                new Change.DeclarationChanged("v1"),
                new Change.ExpiredLinks("l1", List.of(new IdentityLink("c1", "v1",
                        Instant.parse("2026-01-02T10:00:00Z")))));

        assertThat(codec.decodeAll(codec.encodeAll(changes))).isEqualTo(changes);
        for (Change change : changes) {
            assertThat(codec.decode(codec.encode(change))).isEqualTo(change);
        }
    }

    @Test
    void aRecordOfAnUnknownVersion_isRefused() {
        assertThatThrownBy(() -> codec.decode("{\"v\":2,\"kind\":\"events\"}".getBytes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version");
    }

    @Test
    void recordsAreKeyedByVisitor_soThatOneVisitorsChangesStayInOrder() {
        assertThat(new Change.Events("v1", List.of(), List.of()).key()).isEqualTo("v1");
        assertThat(new Change.Erasure("x", "v1", List.of()).key()).isEqualTo("v1");
        assertThat(new Change.Items(List.of()).key()).isEqualTo("catalog");
        assertThat(new Change.ExpiredEvents("v1", List.of()).key()).isEqualTo("v1");
    }
}
