package dev.grat.server.demo;

import dev.grat.Grat;
import dev.grat.event.Event;
import dev.grat.event.IngestResult;
import dev.grat.event.TrackContext;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * The live part of the demo traffic: a daemon thread that plays sessions of returning and new visitors one
 * event at a time, as a browser would send them, at a steady rate.
 */
final class LiveTraffic implements Runnable {

    private static final System.Logger LOG = System.getLogger(LiveTraffic.class.getName());
    private static final double RETURNING_SHARE = 0.5;
    /** After this many failures in a row the engine is gone (closed, disk full): stop rather than spin. */
    private static final int MAX_CONSECUTIVE_FAILURES = 10;

    private final Grat grat;
    private final ShopperSimulator simulator;
    private final IntFunction<Shopper> historyShopper;
    private final int historyVisitors;
    private final long intervalNanos;
    private final Clock clock;
    private final SplittableRandom random;
    /** Makes live event ids differ from those of earlier runs on the same data, which would count as duplicates. */
    private final String runToken;
    private final Thread thread;
    private volatile boolean stopped;
    private long nextId;

    LiveTraffic(Grat grat, ShopperSimulator simulator, IntFunction<Shopper> historyShopper, int historyVisitors,
                double eventsPerSecond, Clock clock, long seed) {
        this.grat = grat;
        this.simulator = simulator;
        this.historyShopper = historyShopper;
        this.historyVisitors = historyVisitors;
        this.intervalNanos = Math.max(1, (long) (TimeUnit.SECONDS.toNanos(1) / eventsPerSecond));
        this.clock = clock;
        this.random = new SplittableRandom(seed ^ clock.millis());
        this.runToken = Long.toString(clock.millis(), 36);
        this.thread = Thread.ofPlatform().daemon().name("grat-demo-live-traffic").unstarted(this);
    }

    void start() {
        thread.start();
    }

    void stop() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        long due = System.nanoTime();
        int failures = 0;
        while (!stopped) {
            try {
                Shopper shopper = nextShopper();
                for (Event event : simulator.session(shopper, clock.instant(), random, this::nextEventId)) {
                    due = Math.max(due + intervalNanos, System.nanoTime() - intervalNanos);
                    if (!sleepUntil(due)) {
                        return;
                    }
                    send(event, shopper);
                }
                failures = 0;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "demo live traffic could not send a session", e);
                if (++failures >= MAX_CONSECUTIVE_FAILURES) {
                    LOG.log(System.Logger.Level.ERROR, "demo live traffic stopped after " + failures
                            + " failures in a row");
                    return;
                }
            }
        }
    }

    private Shopper nextShopper() {
        if (historyVisitors > 0 && random.nextDouble() < RETURNING_SHARE) {
            return historyShopper.apply(random.nextInt(historyVisitors));
        }
        Shopper shopper = simulator.shopper(random);
        DemoTraffic.answerConsent(grat, shopper);
        return shopper;
    }

    private void send(Event event, Shopper shopper) {
        Event now = new Event(event.id(), event.type(), event.visitorId(), event.customerId(), event.channel(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS), event.itemId(), event.categoryId(), event.query(), event.items(), event.currency(),
                event.decisionId(), event.properties());
        IngestResult result = grat.track(List.of(now),
                new TrackContext(shopper.consent().globalPrivacyControl()));
        if (!result.rejected().isEmpty()) {
            throw new IllegalStateException("the engine rejected a generated event: " + result.rejected().getFirst());
        }
    }

    private String nextEventId() {
        return "live-" + runToken + "-" + nextId++;
    }

    /** Waits until the due time; false when stopped meanwhile. */
    private boolean sleepUntil(long dueNanos) {
        long wait;
        while (!stopped && (wait = dueNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
        return !stopped;
    }
}
