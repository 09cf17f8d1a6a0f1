package dev.grat.event;

import dev.grat.EngineSettings;
import dev.grat.catalog.Catalog;
import dev.grat.consent.ConsentBook;
import dev.grat.profile.IdentityGraph;
import dev.grat.profile.ProfileBook;
import dev.grat.recommend.CoOccurrence;
import dev.grat.recommend.Popularity;
import dev.grat.store.AnonymousTally;
import dev.grat.store.EventStore;
import dev.grat.store.InMemoryStore;
import dev.grat.store.IngestBatch;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EngineSettings#ingestConcurrency()}: how many threads validate and apply events at once. The engine's clock
 * is read once per batch while validating and by popularity while applying, so a clock that counts its callers
 * sees how many threads do that work at the same time.
 */
class IngestConcurrencyTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void withOnePermit_batchesAreValidatedAndAppliedOneAtATime_fromManyThreads() throws Exception {
        CountingClock clock = new CountingClock();

        sendFromThreads(ingestor(1, clock, new InMemoryStore().events()), 4, 15);

        assertThat(clock.mostAtOnce.get()).isEqualTo(1);
    }

    @Test
    void withFourPermits_fourThreadsWorkAtOnce() throws Exception {
        CountingClock clock = new CountingClock();

        sendFromThreads(ingestor(4, clock, new InMemoryStore().events()), 4, 15);

        assertThat(clock.mostAtOnce.get()).isGreaterThan(1);
    }

    @Test
    void theCommitWaitsWithoutAPermit_soBatchesStillShareOneCommitOfTheStore() throws Exception {
        CountingClock clock = new CountingClock();
        // Each commit waits until three are in the store at once: only possible if none holds the one permit.
        CountDownLatch threeCommitting = new CountDownLatch(3);
        EventStore store = new Delegating(new InMemoryStore().events()) {
            @Override
            public Set<String> commit(IngestBatch batch) {
                threeCommitting.countDown();
                try {
                    if (!threeCommitting.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the commits never overlapped");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                return super.commit(batch);
            }
        };

        List<Throwable> failures = sendFromThreads(ingestor(1, clock, store), 3, 1);

        assertThat(failures).isEmpty();
    }

    private static EventIngestor ingestor(int permits, Clock clock, EventStore events) {
        EngineSettings settings = EngineSettings.defaults().withIngestConcurrency(permits)
                .withPopularityRefresh(Duration.ZERO);
        InMemoryStore memory = new InMemoryStore();
        Catalog catalog = new Catalog(memory.catalog());
        return new EventIngestor(settings, clock, events, new ConsentBook(memory.consents(), clock),
                new ProfileBook(settings, catalog, new IdentityGraph(memory.identities(), () -> Instant.EPOCH)),
                new Popularity(settings, catalog, clock), new CoOccurrence());
    }

    /** {@code threads} threads each send {@code batches} batches of anonymous views; returns what they threw. */
    private static List<Throwable> sendFromThreads(EventIngestor ingestor, int threads, int batches)
            throws InterruptedException {
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            started.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int b = 0; b < batches; b++) {
                        ingestor.track(List.of(view("e-" + thread + "-" + b)), new TrackContext(false));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread thread : started) {
            thread.join(Duration.ofSeconds(30));
        }
        return failures;
    }

    private static Event view(String id) {
        return Event.builder().id(id).type(EventType.PRODUCT_VIEW).visitorId("visitor-" + id).itemId("item-1")
                .timestamp(NOW).build();
    }

    /** A fixed clock that records how many threads were reading it at the same time, each for a moment. */
    private static final class CountingClock extends Clock {
        private final AtomicInteger inside = new AtomicInteger();
        private final AtomicInteger mostAtOnce = new AtomicInteger();

        @Override
        public Instant instant() {
            mostAtOnce.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inside.decrementAndGet();
            }
            return NOW;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** An event store that hands every call to another. */
    private static class Delegating implements EventStore {
        private final EventStore delegate;

        Delegating(EventStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public Set<String> commit(IngestBatch batch) {
            return delegate.commit(batch);
        }

        @Override
        public void forEachEvent(Consumer<Event> action) {
            delegate.forEachEvent(action);
        }

        @Override
        public List<Event> eventsOf(String visitorId) {
            return delegate.eventsOf(visitorId);
        }

        @Override
        public void forEachTally(Consumer<AnonymousTally> action) {
            delegate.forEachTally(action);
        }

        @Override
        public long personalEventCount() {
            return delegate.personalEventCount();
        }

        @Override
        public List<Event> eraseBefore(EventType type, Instant cutoff) {
            return delegate.eraseBefore(type, cutoff);
        }

        @Override
        public List<AnonymousTally> eraseTalliesBefore(Instant cutoff) {
            return delegate.eraseTalliesBefore(cutoff);
        }
    }
}
