package dev.grat.profile;

import dev.grat.catalog.ItemIndex;
import dev.grat.event.EventType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecentInteractionsTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00.123456789Z");
    private static final EventType[] TYPES = EventType.values();

    private final ItemIndex index = new ItemIndex();

    @Test
    void keepsTheNewestFirst_andForgetsTheOldestPastItsCapacity() {
        RecentInteractions recent = new RecentInteractions(3);
        for (int i = 0; i < 5; i++) {
            recent.add(EventType.PRODUCT_VIEW, index.indexOf("item-" + i), T0.plusSeconds(i));
        }

        assertThat(recent.newestFirst(index)).containsExactly(
                new Interaction(EventType.PRODUCT_VIEW, "item-4", T0.plusSeconds(4)),
                new Interaction(EventType.PRODUCT_VIEW, "item-3", T0.plusSeconds(3)),
                new Interaction(EventType.PRODUCT_VIEW, "item-2", T0.plusSeconds(2)));
    }

    @Test
    void nothingAdded_isEmpty_andACapacityBelowOneIsRefused() {
        assertThat(new RecentInteractions(50).newestFirst(index)).isEmpty();
        assertThatThrownBy(() -> new RecentInteractions(0)).hasMessageContaining("capacity");
    }

    @Test
    void randomAdds_matchADequeOfInteractions_throughEveryGrowthAndWrap() {
        SplittableRandom random = new SplittableRandom(11);
        for (int capacity : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 50, 64}) {
            RecentInteractions recent = new RecentInteractions(capacity);
            ArrayDeque<Interaction> expected = new ArrayDeque<>();
            for (int step = 0; step < 300; step++) {
                EventType type = TYPES[random.nextInt(TYPES.length)];
                String item = "item-" + random.nextInt(40);
                Instant at = T0.plusNanos(random.nextLong(1_000_000_000_000L));
                recent.add(type, index.indexOf(item), at);
                expected.addFirst(new Interaction(type, item, at));
                while (expected.size() > capacity) {
                    expected.removeLast();
                }
                assertThat(recent.newestFirst(index)).as("capacity %d, step %d", capacity, step)
                        .isEqualTo(List.copyOf(expected));
            }
        }
    }
}
