package dev.grat.bench;

import dev.grat.store.EventStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * Checks after a load run that every event acknowledged with 200 is stored exactly once: the events of consenting
 * visitors by id, the others as anonymous hourly counts (which carry no id, so they are compared by number). The
 * generator records only the index of each acknowledged request; its events are rebuilt from it ({@link LoadBatch}).
 */
final class DeliveryCheck {

    /**
     * What the store holds against what was acknowledged.
     *
     * @param acknowledgedPersonal events of consenting visitors in acknowledged requests
     * @param storedPersonal       personal events in the store, counted with repeats
     * @param missing              acknowledged personal events not in the store
     * @param repeated             stored personal events whose id is stored more than once
     * @param unacknowledged       stored personal events no acknowledged request carried (a request whose answer
     *                             failed after its commit may leave some; nothing else should)
     * @param acknowledgedAnonymous events of the other visitors in acknowledged requests
     * @param storedAnonymous      the sum of the store's anonymous counts
     */
    record Outcome(long acknowledgedPersonal, long storedPersonal, long missing, long repeated, long unacknowledged,
                   long acknowledgedAnonymous, long storedAnonymous) {

        /** Stored exactly what was acknowledged: nothing lost, nothing doubled, nothing else. */
        boolean exact() {
            return intact() && unacknowledged == 0 && acknowledgedAnonymous == storedAnonymous;
        }

        /**
         * Nothing acknowledged is lost and nothing is stored twice. Events of a request that failed after its commit
         * (a timeout, a lost answer) may be stored without an acknowledgement: a client would send them again.
         */
        boolean intact() {
            return missing == 0 && repeated == 0 && storedAnonymous >= acknowledgedAnonymous;
        }

        String describe() {
            String verdict = exact() ? "acknowledged == stored" : intact()
                    ? "nothing acknowledged lost, nothing stored twice, some events of failed requests stored"
                    : "LOST OR DOUBLED EVENTS";
            return String.format(Locale.ROOT, "%s: %,d acknowledged personal events, %,d stored (%,d missing, %,d"
                            + " stored twice or more, %,d not acknowledged); %,d acknowledged anonymous events, %,d"
                            + " counted", verdict, acknowledgedPersonal, storedPersonal, missing, repeated,
                    unacknowledged, acknowledgedAnonymous, storedAnonymous);
        }
    }

    private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();

    /** Records that the request of {@code index} was answered 200, so its events are committed. */
    void acknowledged(long index) {
        acknowledged.add(index);
    }

    int acknowledgedRequests() {
        return acknowledged.size();
    }

    /** Writes the indices of the acknowledged requests to {@code file}, one a line: the child generator's answer. */
    void writeTo(Path file) {
        try {
            Files.write(file, acknowledged.stream().sorted().map(String::valueOf).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the acknowledged requests to " + file, e);
        }
    }

    /** The acknowledged requests {@link #writeTo} wrote. */
    static DeliveryCheck readFrom(Path file) {
        DeliveryCheck check = new DeliveryCheck();
        try (var lines = Files.lines(file)) {
            lines.filter(line -> !line.isBlank()).forEach(line -> check.acknowledged(Long.parseLong(line.strip())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the acknowledged requests from " + file, e);
        }
        return check;
    }

    /** Compares the store with the acknowledged requests; {@code batches} rebuilds a request from its index. */
    Outcome against(EventStore store, LongFunction<LoadBatch> batches, Workload workload) {
        Set<String> expected = new HashSet<>();
        long anonymous = 0;
        for (long index : acknowledged) {
            for (LoadBatch.View view : batches.apply(index).views()) {
                if (workload.consents(view.visitor())) {
                    expected.add(view.id());
                } else {
                    anonymous++;
                }
            }
        }
        List<String> stored = new ArrayList<>();
        store.forEachEvent(event -> stored.add(event.id()));
        long[] counted = {0};
        store.forEachTally(tally -> counted[0] += tally.count());
        Set<String> distinct = new HashSet<>(stored);
        long missing = expected.stream().filter(id -> !distinct.contains(id)).count();
        long unacknowledged = distinct.stream().filter(id -> !expected.contains(id)).count();
        return new Outcome(expected.size(), stored.size(), missing, stored.size() - distinct.size(), unacknowledged,
                anonymous, counted[0]);
    }
}
