package dev.grat.cluster.kafka;

import java.util.HashSet;
import java.util.Set;

/**
 * The PostgreSQL snapshot ({@code pg_current_snapshot()}) in which a starting node read the anonymous tallies: which
 * transactions' writes those tallies hold. Every change carries the id of the transaction that wrote it (its outbox
 * row's {@code writer_xid}), so a node tells exactly whether a change arriving from Kafka is in its tallies already.
 *
 * @param xmin       every transaction below it had ended when the snapshot was taken
 * @param xmax       no transaction from it on had ended
 * @param inProgress the transactions between the two that were still running
 */
record TallySnapshot(long xmin, long xmax, Set<Long> inProgress) {

    TallySnapshot {
        inProgress = Set.copyOf(inProgress);
    }

    /** Parses PostgreSQL's text form {@code xmin:xmax:xip,xip,...}. */
    static TallySnapshot parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a PostgreSQL snapshot: " + text);
        }
        Set<Long> running = new HashSet<>();
        if (!parts[2].isEmpty()) {
            for (String xid : parts[2].split(",")) {
                running.add(Long.parseLong(xid));
            }
        }
        return new TallySnapshot(Long.parseLong(parts[0]), Long.parseLong(parts[1]), running);
    }

    /** Whether the writes of transaction {@code xid} are visible in the snapshot (as {@code pg_visible_in_snapshot}). */
    boolean sees(long xid) {
        return xid < xmin || (xid < xmax && !inProgress.contains(xid));
    }
}
