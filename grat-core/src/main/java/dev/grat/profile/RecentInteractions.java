package dev.grat.profile;

import dev.grat.catalog.ItemIndex;
import dev.grat.event.EventType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A visitor's latest product interactions, at most {@code capacity}, as a ring of primitive arrays: the product's
 * catalog index, the event type, the time. Every product event adds one; kept as an {@link Interaction} object stored
 * into the profile's deque, each outlived young collections and marked the old deque's card, both of which the
 * young-collection pauses pay for under heavy ingestion. The arrays grow by doubling up to {@code capacity}, so a
 * visitor with a few events holds a few slots. Not thread-safe: {@link VisitorProfile} guards it with its monitor.
 */
final class RecentInteractions {

    private static final EventType[] TYPES = EventType.values();
    private static final int FIRST_SIZE = 4;

    private final int capacity;
    private int[] items = {};
    private byte[] types = {};
    private long[] seconds = {};
    private int[] nanos = {};
    /** Where the next interaction goes: the oldest slot once the ring is full. */
    private int next;
    private int size;

    RecentInteractions(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** Adds the newest interaction; past {@code capacity} the oldest is forgotten. */
    void add(EventType type, int item, Instant at) {
        if (size == items.length && size < capacity) {
            resize(Math.min(capacity, Math.max(FIRST_SIZE, items.length * 2)));
        }
        items[next] = item;
        types[next] = (byte) type.ordinal();
        seconds[next] = at.getEpochSecond();
        nanos[next] = at.getNano();
        next = (next + 1) % items.length;
        size = Math.min(size + 1, items.length);
    }

    /** The interactions, newest first, their products named by {@code index}. */
    List<Interaction> newestFirst(ItemIndex index) {
        List<Interaction> interactions = new ArrayList<>(size);
        for (int k = 1; k <= size; k++) {
            int slot = Math.floorMod(next - k, items.length);
            interactions.add(new Interaction(TYPES[types[slot]], index.idOf(items[slot]), seconds[slot], nanos[slot]));
        }
        return interactions;
    }

    /** Copies the interactions, oldest first, into arrays of {@code length} slots. */
    private void resize(int length) {
        int[] newItems = new int[length];
        byte[] newTypes = new byte[length];
        long[] newSeconds = new long[length];
        int[] newNanos = new int[length];
        for (int k = 0; k < size; k++) {
            int slot = (next - size + k + items.length) % items.length;
            newItems[k] = items[slot];
            newTypes[k] = types[slot];
            newSeconds[k] = seconds[slot];
            newNanos[k] = nanos[slot];
        }
        items = newItems;
        types = newTypes;
        seconds = newSeconds;
        nanos = newNanos;
        next = size;
    }
}
