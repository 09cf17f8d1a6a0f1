package dev.grat.recommend.model;

import dev.grat.event.Event;

import java.util.function.Consumer;

/**
 * Builds the training matrix from stored events, for example {@code store.forEachEvent(collector)}: every
 * product an event names (its item or each line item) gets the event type's weight, summed per visitor and
 * product and capped. Events without a visitor or of a type that weighs nothing are skipped.
 */
public final class EventInteractions implements Consumer<Event> {

    private final EventWeights weights;
    private final Interactions.Builder matrix;

    public EventInteractions(EventWeights weights) {
        this.weights = weights;
        this.matrix = Interactions.builder().maxValue(weights.maxPerItem());
    }

    @Override
    public void accept(Event event) {
        double weight = weights.weightOf(event.type());
        if (event.visitorId() == null || weight <= 0) {
            return;
        }
        for (String itemId : event.productIds()) {
            matrix.add(event.visitorId(), itemId, weight);
        }
    }

    /** The matrix of everything accepted so far. */
    public Interactions build() {
        return matrix.build();
    }
}
