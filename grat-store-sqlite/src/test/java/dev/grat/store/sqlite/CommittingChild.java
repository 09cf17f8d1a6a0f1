package dev.grat.store.sqlite;

import dev.grat.event.Channel;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.store.IngestBatch;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A process for {@link SqliteCrashTest}: commits batches without end and prints {@code acked N} after batch N
 * returned, until it is killed.
 */
public final class CommittingChild {

    static final int EVENTS_PER_BATCH = 100;

    private CommittingChild() {
    }

    public static void main(String[] args) {
        SqliteStore store = SqliteStore.open(Path.of(args[0]));
        Instant start = Instant.parse("2025-03-01T10:00:00Z");
        for (int batch = 0; ; batch++) {
            store.events().commit(new IngestBatch(batch(batch, start), List.of()));
            System.out.println("acked " + batch);
            System.out.flush();
        }
    }

    static List<Event> batch(int batch, Instant start) {
        List<Event> events = new ArrayList<>(EVENTS_PER_BATCH);
        for (int i = 0; i < EVENTS_PER_BATCH; i++) {
            events.add(Event.builder().id(eventId(batch, i)).type(EventType.PRODUCT_VIEW).visitorId("v" + i)
                    .channel(Channel.WEB).timestamp(start.plusMillis(batch)).itemId("p" + i).build());
        }
        return events;
    }

    static String eventId(int batch, int index) {
        return "b" + batch + "-e" + index;
    }
}
