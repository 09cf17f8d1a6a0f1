package dev.grat.privacy.retention;

import dev.grat.consent.ConsentBook;
import dev.grat.consent.Purpose;
import dev.grat.decide.bandit.DecisionLog;
import dev.grat.declared.DeclaredBook;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.profile.ProfileBook;
import dev.grat.recommend.CoOccurrence;
import dev.grat.recommend.ModelService;
import dev.grat.recommend.Popularity;
import dev.grat.store.AnonymousTally;
import dev.grat.store.IdentityLink;
import dev.grat.store.Store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Enforces the {@link RetentionPeriods}: removes expired records from the store, from memory and from the models,
 * as of {@code clock.instant()}. One run at a time.
 *
 * <ul>
 *   <li><b>Store.</b> Personal events per type, anonymous tallies (and anonymous ids), settled decisions, identity
 *       links and declared preferences; then
 *       {@link Store#scrubErased()} so that no byte of them stays readable in the store's files.</li>
 *   <li><b>Memory.</b> Each removed event and tally is taken back out of popularity (sign -1); each visitor who
 *       lost events and has a profile gets it rebuilt from the events they still have, which takes their old share
 *       out of the co-occurrence counts and puts the new one in (the counts are a sum over profiles).</li>
 *   <li><b>Models.</b> The learned model is retrained without the expired events ({@link ModelService#forget()}),
 *       as after an erasure.</li>
 *   <li><b>Hooks.</b> Records kept outside the store (the server's audit log) expire through
 *       {@link RetentionHook}s.</li>
 * </ul>
 */
public final class RetentionJob {

    private static final System.Logger LOG = System.getLogger(RetentionJob.class.getName());

    private final RetentionPeriods periods;
    private final Store store;
    private final DecisionLog decisionLog;
    private final Memory memory;
    private final Clock clock;
    private final List<RetentionHook> hooks = new CopyOnWriteArrayList<>();

    /**
     * The in-memory state that expired data must leave.
     *
     * @param models the learned model's service, told to retrain when personal events expired
     */
    public record Memory(ConsentBook consents, ProfileBook profiles, Popularity popularity, CoOccurrence coOccurrence,
                         ModelService models, DeclaredBook declared) {

        public Memory {
            Objects.requireNonNull(consents, "consents");
            Objects.requireNonNull(profiles, "profiles");
            Objects.requireNonNull(popularity, "popularity");
            Objects.requireNonNull(coOccurrence, "coOccurrence");
            Objects.requireNonNull(models, "models");
            Objects.requireNonNull(declared, "declared");
        }
    }

    public RetentionJob(RetentionPeriods periods, Store store, DecisionLog decisionLog, Memory memory, Clock clock) {
        this.periods = Objects.requireNonNull(periods, "periods");
        this.store = Objects.requireNonNull(store, "store");
        this.decisionLog = Objects.requireNonNull(decisionLog, "decisionLog");
        this.memory = Objects.requireNonNull(memory, "memory");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Adds records kept outside the store that expire with each run (e.g. the audit log). */
    public void addHook(RetentionHook hook) {
        hooks.add(Objects.requireNonNull(hook, "hook"));
    }

    public RetentionPeriods periods() {
        return periods;
    }

    /** Removes everything expired as of now and says what, where and with which cutoffs. */
    public synchronized RetentionReport run() {
        Instant now = clock.instant();
        long t0 = System.nanoTime();
        Set<String> visitors = new LinkedHashSet<>();
        List<RetentionReport.Category> categories = new ArrayList<>(eraseEvents(now, visitors));
        long personalRemoved = categories.stream().mapToLong(RetentionReport.Category::removed).sum();
        RetentionReport.Category tallies = eraseTallies(now);
        categories.add(tallies);
        categories.add(eraseDecisions(now));
        RetentionReport.Category links = eraseIdentityLinks(now);
        categories.add(links);
        RetentionReport.Category declared = eraseDeclared(now);
        categories.add(declared);
        long storeRemoved = categories.stream().mapToLong(RetentionReport.Category::removed).sum();
        if (storeRemoved > 0) {
            // Once, after every delete of the run: on the embedded store this rewrites the file, whose cost grows
            // with its size, so it is paid only when something expired.
            store.scrubErased();
        }
        int rebuilt = rebuildProfiles(visitors);
        if (personalRemoved > 0) {
            memory.models().forget();
        }
        for (RetentionHook hook : hooks) {
            categories.add(runHook(hook, now));
        }
        long millis = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        List<String> places = removedFrom(personalRemoved, tallies.removed(), storeRemoved, rebuilt);
        if (links.removed() > 0) {
            places.add("identity graph (the expired links' devices are no longer treated as one customer)");
        }
        if (declared.removed() > 0) {
            places.add("declared preferences (in memory)");
        }
        RetentionReport report = new RetentionReport(now, categories, rebuilt, places, millis);
        if (report.totalRemoved() > 0) {
            LOG.log(System.Logger.Level.INFO, "retention removed {0} expired records in {1} ms",
                    report.totalRemoved(), report.millis());
        }
        return report;
    }

    /** Removes the expired events of each type, takes them out of popularity and collects their visitors. */
    private List<RetentionReport.Category> eraseEvents(Instant now, Set<String> visitors) {
        List<RetentionReport.Category> categories = new ArrayList<>();
        for (EventType type : EventType.values()) {
            Duration period = periods.of(type);
            Instant cutoff = now.minus(period);
            List<Event> removed = store.events().eraseBefore(type, cutoff);
            for (Event event : removed) {
                memory.popularity().add(event, -1);
                visitors.add(event.visitorId());
            }
            categories.add(new RetentionReport.Category("events." + type.wireName(), period, cutoff, removed.size()));
        }
        return categories;
    }

    private RetentionReport.Category eraseTallies(Instant now) {
        Duration period = periods.anonymousTallies();
        Instant cutoff = now.minus(period);
        List<AnonymousTally> removed = store.events().eraseTalliesBefore(cutoff);
        for (AnonymousTally tally : removed) {
            memory.popularity().addTally(new AnonymousTally(tally.type(), tally.itemId(), tally.categoryId(),
                    tally.hour(), -tally.count()));
        }
        return new RetentionReport.Category("anonymous tallies", period, cutoff, removed.size());
    }

    private RetentionReport.Category eraseDecisions(Instant now) {
        Duration period = periods.decisionLog();
        Instant cutoff = now.minus(period);
        return new RetentionReport.Category("decision log", period, cutoff, decisionLog.eraseBefore(cutoff));
    }

    /**
     * Removes links made before the identity-links period and forgets them in memory, so that the devices are no
     * longer treated as one customer (the privacy level falls back to first party) until the customer's next event
     * links them again.
     */
    private RetentionReport.Category eraseIdentityLinks(Instant now) {
        Duration period = periods.identityLinks();
        Instant cutoff = now.minus(period);
        List<IdentityLink> removed = store.identities().eraseBefore(cutoff);
        removed.forEach(memory.profiles().identities()::forget);
        return new RetentionReport.Category("identity links", period, cutoff, removed.size());
    }

    private RetentionReport.Category eraseDeclared(Instant now) {
        Duration period = periods.declaredPreferences();
        Instant cutoff = now.minus(period);
        return new RetentionReport.Category("declared preferences", period, cutoff,
                memory.declared().eraseBefore(cutoff));
    }

    private RetentionReport.Category runHook(RetentionHook hook, Instant now) {
        Duration period = hook.period(periods);
        Instant cutoff = now.minus(period);
        return new RetentionReport.Category(hook.category(), period, cutoff, hook.eraseBefore(cutoff));
    }

    /**
     * Rebuilds the profile of each visitor who lost events, from the events they still have. Removing a profile also
     * forgets the visitor's identity link in memory, though the store keeps it (unless it expired in this run), so
     * the links are remembered again from the store, oldest first so that the newest wins.
     */
    /**
     * Cluster mode: what another node's retention run removed from the shared store leaves this node's memory too:
     * the events and tallies come out of popularity, the events' visitors get their profiles rebuilt from the events
     * they still have, and the model retrains without them. The store is not touched. {@code events} must be only
     * events this node's memory holds.
     */
    public synchronized void forgetExpired(List<Event> events, List<AnonymousTally> tallies) {
        Set<String> visitors = new LinkedHashSet<>();
        for (Event event : events) {
            memory.popularity().add(event, -1);
            visitors.add(event.visitorId());
        }
        for (AnonymousTally tally : tallies) {
            memory.popularity().addTally(new AnonymousTally(tally.type(), tally.itemId(), tally.categoryId(),
                    tally.hour(), -tally.count()));
        }
        rebuildProfiles(visitors);
        if (!events.isEmpty()) {
            memory.models().forget();
        }
    }

    private int rebuildProfiles(Set<String> visitors) {
        int rebuilt = 0;
        for (String visitorId : visitors) {
            if (!memory.profiles().contains(visitorId)) {
                continue;
            }
            memory.coOccurrence().apply(memory.profiles().remove(visitorId), -1);
            store.identities().linksOfVisitor(visitorId).stream()
                    .sorted(Comparator.comparing(IdentityLink::linkedAt))
                    .forEach(link -> memory.profiles().identities().link(link.customerId(), link.visitorId(),
                            link.linkedAt()));
            if (memory.consents().stateOf(visitorId).allows(Purpose.PERSONALIZATION)) {
                for (Event event : store.events().eventsOf(visitorId)) {
                    memory.coOccurrence().apply(memory.profiles().apply(event), 1);
                }
            }
            rebuilt++;
        }
        return rebuilt;
    }

    private static List<String> removedFrom(long personalRemoved, long talliesRemoved, long storeRemoved,
                                            int rebuilt) {
        List<String> places = new ArrayList<>();
        if (storeRemoved > 0) {
            places.add("store (deleted rows scrubbed from its files)");
        }
        if (personalRemoved > 0 || talliesRemoved > 0) {
            places.add("popularity counts");
        }
        if (rebuilt > 0) {
            places.add("profiles (rebuilt from the events that remain)");
            places.add("co-occurrence counts");
        }
        if (personalRemoved > 0) {
            places.add("learned model (retrained without the expired events within 15 seconds when background "
                    + "training is on)");
        }
        return places;
    }
}
