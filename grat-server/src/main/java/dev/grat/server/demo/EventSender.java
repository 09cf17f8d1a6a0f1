package dev.grat.server.demo;

import dev.grat.Grat;
import dev.grat.event.Event;
import dev.grat.event.IngestResult;
import dev.grat.event.Rejection;
import dev.grat.event.TrackContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Sends generated events to the engine in batches of the engine's maximum size, one batch per privacy signal
 * (a browser with Global Privacy Control sends its events in requests that carry it). A rejected event is a
 * bug in the generator, so it stops the run with the engine's reason.
 */
final class EventSender {

    private final Grat grat;
    private final int batchSize;
    private final List<Event> plain = new ArrayList<>();
    private final List<Event> withGlobalPrivacyControl = new ArrayList<>();
    private int sent;

    EventSender(Grat grat) {
        this.grat = grat;
        this.batchSize = grat.settings().maxBatchSize();
    }

    void add(Event event, boolean globalPrivacyControl) {
        List<Event> batch = globalPrivacyControl ? withGlobalPrivacyControl : plain;
        batch.add(event);
        if (batch.size() >= batchSize) {
            send(batch, globalPrivacyControl);
        }
    }

    void flush() {
        send(plain, false);
        send(withGlobalPrivacyControl, true);
    }

    /** Events the engine accepted so far. */
    int sent() {
        return sent;
    }

    private void send(List<Event> batch, boolean globalPrivacyControl) {
        if (batch.isEmpty()) {
            return;
        }
        IngestResult result = grat.track(List.copyOf(batch), new TrackContext(globalPrivacyControl));
        if (!result.rejected().isEmpty()) {
            Rejection first = result.rejected().getFirst();
            throw new IllegalStateException("the engine rejected " + result.rejected().size()
                    + " generated events; first: event " + first.id() + ": " + first.error());
        }
        sent += result.accepted();
        batch.clear();
    }
}
