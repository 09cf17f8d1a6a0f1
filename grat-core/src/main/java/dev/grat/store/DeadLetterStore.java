package dev.grat.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Durable dead letters ({@link DeadLetter}): what was sent to Grat and refused, with the reason, for listing and
 * replay. Ids are assigned by {@link #add} and increase, so that a listing can page with {@code afterId}. The
 * letters of a visitor are removed by {@link Store#eraseVisitor} with the rest of the visitor's records.
 */
public interface DeadLetterStore {

    /** Keeps the letters durably (one transaction) and returns them with their ids, in the order given. */
    List<DeadLetter> add(List<DeadLetter> letters);

    /** Up to {@code limit} letters with an id greater than {@code afterId}, lowest id first. */
    List<DeadLetter> list(long afterId, int limit);

    /** The letters with these ids that exist, lowest id first. */
    List<DeadLetter> get(Collection<Long> ids);

    /** Removes the letters with these ids (those replayed successfully) and returns how many existed. */
    int remove(Collection<Long> ids);

    /** Replaces the reason of existing letters (a replay that failed again), by id. */
    void updateReasons(Map<Long, String> reasons);

    /** Removes every letter naming this visitor and returns how many there were. */
    int eraseVisitor(String visitorId);

    /**
     * Retention: removes every letter received before {@code cutoff} and returns how many there were. The deleted
     * rows may stay in free space until {@link Store#scrubErased()}.
     */
    int eraseBefore(Instant cutoff);

    /** How many letters are kept. */
    long count();
}
