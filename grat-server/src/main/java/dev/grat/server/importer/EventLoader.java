package dev.grat.server.importer;

import dev.grat.Grat;
import dev.grat.event.Event;
import dev.grat.event.IngestResult;
import dev.grat.event.Rejection;
import dev.grat.event.TrackContext;

import java.util.ArrayList;
import java.util.List;

/** Tracks parsed events in batches of the engine's maximum size and reports each rejected one by its line. */
final class EventLoader {

    private final Grat grat;
    private final ImportRun run;
    private final int batchSize;
    private final List<Long> lines = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();

    EventLoader(Grat grat, ImportRun run) {
        this.grat = grat;
        this.run = run;
        this.batchSize = grat.settings().maxBatchSize();
    }

    void add(long line, Event event) {
        lines.add(line);
        events.add(event);
        if (events.size() >= batchSize) {
            flush();
        }
    }

    void flush() {
        if (events.isEmpty()) {
            return;
        }
        IngestResult result = grat.track(List.copyOf(events), TrackContext.none());
        run.accepted(result.accepted());
        for (Rejection rejection : result.rejected()) {
            run.rejected(lines.get(rejection.index()), List.of(rejection.error()));
        }
        lines.clear();
        events.clear();
    }
}
