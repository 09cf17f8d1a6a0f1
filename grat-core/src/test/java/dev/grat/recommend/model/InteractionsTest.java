package dev.grat.recommend.model;

import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.event.LineItem;
import dev.grat.profile.Interaction;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InteractionsTest {

    @Test
    void build_sumsRepeatedPairs_capsThem_andDropsPairsThatSumToNothing() {
        Interactions data = Interactions.builder().maxValue(4)
                .add("ann", "shoe", 1).add("ann", "shoe", 2)
                .add("ann", "hat", 3).add("ann", "hat", 3)
                .add("bob", "hat", 1).add("bob", "sock", 1).add("bob", "sock", -1)
                .build();
        UserHistory ann = data.historyOf(data.users().find("ann"));
        UserHistory bob = data.historyOf(data.users().find("bob"));
        assertThat(ann.items()).containsExactly(data.items().find("shoe"), data.items().find("hat"));
        assertThat(ann.weights()).containsExactly(3f, 4f);
        assertThat(bob.items()).containsExactly(data.items().find("hat"));
        assertThat(data.nonZeros()).isEqualTo(3);
        assertThat(data.itemDegree(data.items().find("hat"))).isEqualTo(2);
        assertThat(data.itemDegree(data.items().find("sock"))).isZero();
    }

    @Test
    void byItemColumns_holdTheSameEntriesAsByUserRows() {
        PlantedData planted = new PlantedData(4, 3, 10, 10);
        Interactions data = planted.train;
        int[] start = data.itemStart();
        long fromColumns = 0;
        for (int item = 0; item < data.itemCount(); item++) {
            for (int p = start[item]; p < start[item + 1]; p++) {
                UserHistory row = data.historyOf(data.itemUsers()[p]);
                int position = java.util.Arrays.binarySearch(row.items(), item);
                assertThat(position).isNotNegative();
                assertThat(row.weight(position)).isEqualTo(data.itemValues()[p]);
                fromColumns++;
            }
        }
        assertThat(fromColumns).isEqualTo(data.nonZeros());
    }

    @Test
    void builder_rejectsANonFiniteWeight_namingTheField() {
        assertThatThrownBy(() -> Interactions.builder().add("ann", "shoe", Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight");
    }

    @Test
    void eventInteractions_weighEventTypes_andCountEveryLineItemOfAPurchase() {
        EventInteractions collector = new EventInteractions(EventWeights.defaults());
        collector.accept(event(EventType.PRODUCT_VIEW, "ann", "shoe", List.of()));
        collector.accept(event(EventType.PURCHASE, "ann", null,
                List.of(new LineItem("shoe", 1, BigDecimal.TEN), new LineItem("hat", 2, BigDecimal.ONE))));
        collector.accept(event(EventType.SEARCH, "ann", "sock", List.of()));
        collector.accept(event(EventType.PRODUCT_VIEW, null, "sock", List.of()));
        Interactions data = collector.build();
        UserHistory ann = data.historyOf(data.users().find("ann"));
        assertThat(data.userCount()).isEqualTo(1);
        assertThat(data.items().find("sock")).isEqualTo(-1);
        assertThat(ann.weight(0)).isEqualTo(6f);
        assertThat(ann.weight(1)).isEqualTo(5f);
    }

    @Test
    void userHistory_fromRecentInteractions_skipsItemsTheModelDoesNotKnow() {
        IdIndex modelItems = IdIndex.of(List.of("shoe", "hat"));
        UserHistory history = UserHistory.fromInteractions(List.of(
                new Interaction(EventType.PRODUCT_VIEW, "hat", Instant.EPOCH),
                new Interaction(EventType.ADD_TO_CART, "hat", Instant.EPOCH),
                new Interaction(EventType.PRODUCT_VIEW, "unknown", Instant.EPOCH)), modelItems, EventWeights.defaults());
        assertThat(history.items()).containsExactly(1);
        assertThat(history.weights()).containsExactly(4f);
    }

    @Test
    void eventWeights_rejectANegativeWeight_namingTheType() {
        assertThatThrownBy(() -> new EventWeights(Map.of(EventType.PURCHASE, -1.0), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("perType[purchase]");
    }

    private static Event event(EventType type, String visitor, String item, List<LineItem> lines) {
        return Event.builder().id("e" + System.nanoTime()).type(type).visitorId(visitor).itemId(item).items(lines)
                .timestamp(Instant.EPOCH).build();
    }
}
