package dev.grat.bench;

import dev.grat.event.Event;
import dev.grat.event.EventType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class WorkloadTest {

    private final Instant now = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void sameSeed_givesTheSameCatalogAndEvents() {
        Workload first = new Workload(500, 100, 9);
        Workload second = new Workload(500, 100, 9);

        assertThat(second.catalog()).isEqualTo(first.catalog());
        assertThat(second.batches(50, now)).isEqualTo(first.batches(50, now));
    }

    @Test
    void batches_holdEveryEventOnceWithUniqueIdsInThePast() {
        List<Event> events = new Workload(500, 300, 9).batches(200, now).stream().flatMap(List::stream).toList();

        assertThat(events).extracting(Event::id).doesNotHaveDuplicates();
        assertThat(events).allSatisfy(event -> assertThat(event.timestamp()).isBefore(now));
        assertThat(events).extracting(Event::type).contains(EventType.PRODUCT_VIEW, EventType.CATEGORY_VIEW,
                EventType.ADD_TO_CART, EventType.PURCHASE);
    }

    @Test
    void aboutSeventyPercentOfVisitorsConsent() {
        Workload workload = new Workload(100, 10_000, 9);

        long consenting = IntStream.range(0, 10_000).filter(workload::consents).count();

        assertThat(consenting).isBetween(6_700L, 7_300L);
    }
}
