package dev.grat.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One request of the load's event stream: product views of Zipf-popular items by random visitors of the workload,
 * with ids unique to the run. Rebuilt from its index alone, so that the check after the run knows every event of
 * every acknowledged request without the generator keeping them.
 *
 * @param views the events, in order
 */
record LoadBatch(List<View> views) {

    /**
     * One product view.
     *
     * @param id       the event id, {@code l<run>-<batch>-<n>}
     * @param visitor  the workload's visitor index
     * @param itemRank the item's popularity rank
     */
    record View(String id, int visitor, int itemRank) {
    }

    LoadBatch {
        views = List.copyOf(views);
    }

    /** The batch of {@code index}: the same arguments always give the same events. */
    static LoadBatch of(String run, long index, int size, Workload workload, ZipfSampler items, long seed) {
        SplittableRandom random = new SplittableRandom(seed * 31 + index);
        List<View> views = new ArrayList<>(size);
        for (int e = 0; e < size; e++) {
            views.add(new View("l" + run + "-" + index + "-" + e, random.nextInt(workload.visitors()),
                    items.next(random)));
        }
        return new LoadBatch(views);
    }

    /** The body of {@code POST /v1/events}, every event stamped {@code at}. */
    byte[] json(Workload workload, Instant at) {
        StringBuilder body = new StringBuilder(views.size() * 160).append("{\"events\": [");
        for (View view : views) {
            body.append(view == views.getFirst() ? "" : ",").append("{\"id\": \"").append(view.id())
                    .append("\", \"type\": \"product_view\", \"visitorId\": \"")
                    .append(Workload.visitorId(view.visitor())).append("\", \"channel\": \"web\", \"timestamp\": \"")
                    .append(at).append("\", \"itemId\": \"").append(workload.itemAtRank(view.itemRank()))
                    .append("\"}");
        }
        return body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
