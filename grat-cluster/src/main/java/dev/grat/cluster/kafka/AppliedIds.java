package dev.grat.cluster.kafka;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which events (and erasures) this node's memory already holds, so that a change arriving twice, or arriving
 * from Kafka after the node replayed it from PostgreSQL at start-up, is applied once.
 *
 * <ul>
 *   <li>the ids of recent changes (committed here or applied from Kafka), the most recent {@code capacity};</li>
 *   <li>during start-up and the replay window after it, the ids of every personal event replayed from the store.</li>
 * </ul>
 * Thread-safe.
 */
final class AppliedIds {

    private final Map<String, Boolean> recent;
    private Set<String> replayed = new HashSet<>();
    private boolean recordingReplay = true;

    AppliedIds(int capacity) {
        this.recent = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Marks the id applied; returns false if it was applied already (the change must be skipped). */
    synchronized boolean claim(String id) {
        if (replayed != null && replayed.contains(id)) {
            return false;
        }
        return recent.put(id, Boolean.TRUE) == null;
    }

    /** Forgets an erased event: a re-sent copy is new again in the store, and must be applied again. */
    synchronized void release(String id) {
        recent.remove(id);
        if (replayed != null) {
            replayed.remove(id);
        }
    }

    /** An event id the store replayed into memory at start-up. */
    synchronized void replayed(String id) {
        if (recordingReplay) {
            replayed.add(id);
        }
    }

    /** Whether the engine is still being built (its reads of the store are the start-up replay). */
    synchronized boolean isReplaying() {
        return recordingReplay;
    }

    /** Start-up replay is over: later reads of the store are not replays. */
    synchronized void replayDone() {
        recordingReplay = false;
    }

    /** The replay window is over: no more replayed events can arrive from Kafka. */
    synchronized void forgetReplay() {
        replayed = null;
    }

    /**
     * Whether this node's memory holds the event: for an erasure, which of the visitor's events to subtract. While
     * the replay window is open, an event neither replayed nor applied since is not held (the erasure was already in
     * the store when this node replayed); afterwards every stored event was applied one way or the other.
     */
    synchronized boolean holds(String id) {
        return replayed == null || replayed.contains(id) || recent.containsKey(id);
    }
}
