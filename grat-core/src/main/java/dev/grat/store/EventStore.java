package dev.grat.store;

import dev.grat.event.Event;
import dev.grat.event.EventType;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Durable events: personal events of consenting visitors, and anonymous counts of everybody else.
 * Timestamps are kept to the millisecond. One {@link #commit} is all or nothing. Ids of erased events are
 * forgotten with them (a client-chosen id may contain the visitor id), so a re-sent erased event is new.
 */
public interface EventStore {

    /**
     * Commits a batch durably in one transaction and returns the ids that were new. An id already stored
     * (personal or anonymous) is ignored, so that a retried batch is stored once. When this returns,
     * the batch survives a crash of the process.
     */
    Set<String> commit(IngestBatch batch);

    /** Replays every personal event, oldest timestamp first, ties in order of arrival. */
    void forEachEvent(Consumer<Event> action);

    /** The personal events of one visitor, oldest first. */
    List<Event> eventsOf(String visitorId);

    /** Replays every anonymous tally, summed per type, item, category and hour. */
    void forEachTally(Consumer<AnonymousTally> action);

    /** How many personal events are stored. */
    long personalEventCount();

    /**
     * How many personal events of these types are stored, and of how many distinct visitors. This default reads
     * every event; an adapter that can count in its database should.
     */
    default EventCount countEvents(Set<EventType> types) {
        long[] records = {0};
        Set<String> subjects = new java.util.HashSet<>();
        forEachEvent(event -> {
            if (types.contains(event.type())) {
                records[0]++;
                subjects.add(event.visitorId());
            }
        });
        return new EventCount(records[0], subjects.size());
    }

    /**
     * Retention: removes every personal event of {@code type} whose timestamp is before {@code cutoff}, with its
     * id (a re-sent copy is new again), and returns the removed events oldest first. The deleted rows may stay in
     * free space until {@link Store#scrubErased()}.
     */
    List<Event> eraseBefore(EventType type, Instant cutoff);

    /**
     * Retention: removes every anonymous tally of an hour that began before {@code cutoff}, and forgets the ids of
     * anonymous events received before it; returns the removed tallies (summed like {@link #forEachTally}).
     */
    List<AnonymousTally> eraseTalliesBefore(Instant cutoff);
}
