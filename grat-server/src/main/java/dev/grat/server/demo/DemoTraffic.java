package dev.grat.server.demo;

import dev.grat.Grat;
import dev.grat.consent.ConsentChange;
import dev.grat.event.Event;
import dev.grat.event.EventType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Simulated visitor traffic for the demo shop, sent through the public engine API so that everything it
 * shows was learned by the real engine. Visitors have latent tastes (a favourite category and brand, a price
 * sensitivity) and answer the consent banner as real visitors do: most grant analytics and personalization,
 * some only analytics, some refuse, some browsers send Global Privacy Control.
 *
 * <p>{@link #generateHistory} writes 30 days of past sessions; the visitor ids, event ids and choices depend
 * only on the seed, so running it again on the same data stores nothing twice. {@link #startLive} keeps
 * generating sessions of new and returning visitors in real time until {@link #close}.
 */
public final class DemoTraffic implements AutoCloseable {

    /** How far back the generated history reaches. */
    static final Duration HISTORY_WINDOW = Duration.ofDays(30);

    private final Grat grat;
    private final long seed;
    private final Clock clock;
    private final ShopperSimulator simulator;
    private volatile int historyVisitors;
    private LiveTraffic live;

    /** Traffic for the shop; the seed fixes the visitors and their history. */
    public DemoTraffic(Grat grat, DemoShop shop, long seed) {
        this(grat, shop, seed, Clock.systemUTC());
    }

    DemoTraffic(Grat grat, DemoShop shop, long seed, Clock clock) {
        this.grat = Objects.requireNonNull(grat, "grat");
        this.seed = seed;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.simulator = new ShopperSimulator(new ItemPicker(Objects.requireNonNull(shop, "shop"), seed));
    }

    /**
     * What a history run sent.
     *
     * @param visitors   simulated visitors (people; a known customer's two devices count once)
     * @param events     events sent and accepted by the engine
     * @param consenting visitors who allowed storing their events (analytics or personalization)
     * @param purchases  purchase events among them
     * @param sampleVisitorId a visitor who consented to personalization and has some history, to try the API
     *                   with; null when there is none
     */
    public record Summary(int visitors, int events, int consenting, int purchases, String sampleVisitorId) {
    }

    /** Sends the consent answers and the past 30 days of sessions of {@code visitors} visitors. */
    public Summary generateHistory(int visitors) {
        if (visitors < 0) {
            throw new IllegalArgumentException("visitors must not be negative, was " + visitors);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        EventSender sender = new EventSender(grat);
        int consenting = 0;
        int purchases = 0;
        String sample = null;
        for (int index = 0; index < visitors; index++) {
            VisitorHistory history = history(index, now);
            Shopper shopper = history.shopper();
            answerConsent(grat, shopper);
            for (Event event : history.events()) {
                sender.add(event, shopper.consent().globalPrivacyControl());
                purchases += event.type() == EventType.PURCHASE ? 1 : 0;
            }
            consenting += shopper.consent().storesEvents() ? 1 : 0;
            if (sample == null && shopper.consent().personalizes() && history.events().size() >= 10) {
                sample = shopper.visitorId();
            }
        }
        sender.flush();
        historyVisitors = Math.max(historyVisitors, visitors);
        return new Summary(visitors, sender.sent(), consenting, purchases, sample);
    }

    /**
     * Starts a daemon thread that sends sessions of new and returning visitors at about this many events per
     * second, with the current time as timestamp.
     */
    public synchronized void startLive(double eventsPerSecond) {
        if (!(eventsPerSecond > 0) || Double.isInfinite(eventsPerSecond)) {
            throw new IllegalArgumentException("eventsPerSecond must be a positive number, was " + eventsPerSecond);
        }
        if (live != null) {
            throw new IllegalStateException("live traffic is already running");
        }
        live = new LiveTraffic(grat, simulator, this::shopper, historyVisitors, eventsPerSecond, clock, seed);
        live.start();
    }

    /** Stops the live traffic, if it runs, and waits for its thread to end. */
    @Override
    public synchronized void close() {
        if (live != null) {
            live.stop();
            live = null;
        }
    }

    /** One history visitor and their events, the same for the same seed, index and time. */
    record VisitorHistory(Shopper shopper, List<Event> events) {
    }

    VisitorHistory history(int index, Instant now) {
        SplittableRandom random = randomFor(index);
        Shopper shopper = simulator.shopper(random);
        Supplier<String> ids = new Supplier<>() {
            private int next;

            @Override
            public String get() {
                return shopper.visitorId() + "-" + next++;
            }
        };
        return new VisitorHistory(shopper, simulator.history(shopper, now, HISTORY_WINDOW, random, ids));
    }

    /** The history visitor with this index. */
    Shopper shopper(int index) {
        return simulator.shopper(randomFor(index));
    }

    /** Sends the visitor's banner answer for each device, unless a previous run already did. */
    static void answerConsent(Grat grat, Shopper shopper) {
        ConsentChange change = shopper.consent().change();
        if (change == null) {
            return;
        }
        for (String visitorId : shopper.secondDeviceId() == null
                ? List.of(shopper.visitorId()) : List.of(shopper.visitorId(), shopper.secondDeviceId())) {
            if (grat.consent(visitorId).history().isEmpty()) {
                grat.setConsent(visitorId, change);
            }
        }
    }

    private SplittableRandom randomFor(int index) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
    }
}
