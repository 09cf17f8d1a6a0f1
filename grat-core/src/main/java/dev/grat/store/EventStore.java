package dev.grat.store;

import dev.grat.event.Event;

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
}
