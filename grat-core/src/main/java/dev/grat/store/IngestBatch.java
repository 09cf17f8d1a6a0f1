package dev.grat.store;

import dev.grat.event.Event;

import java.util.List;

/**
 * Events to commit in one transaction.
 *
 * @param personal  events of visitors who consented: kept whole, with their identifiers
 * @param anonymous events of visitors who did not: already stripped of identifiers, kept only as
 *                  {@link AnonymousTally anonymous counts} (their ids are remembered for idempotency only)
 */
public record IngestBatch(List<Event> personal, List<Event> anonymous) {

    public IngestBatch {
        personal = List.copyOf(personal);
        anonymous = List.copyOf(anonymous);
    }
}
