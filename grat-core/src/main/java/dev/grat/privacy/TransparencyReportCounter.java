package dev.grat.privacy;

import dev.grat.consent.ConsentEntry;
import dev.grat.decide.bandit.DecisionLog;
import dev.grat.privacy.policy.DataCategory;
import dev.grat.privacy.policy.DataPolicy;
import dev.grat.profile.ProfileBook;
import dev.grat.recommend.ModelService;
import dev.grat.store.EventCount;
import dev.grat.store.Store;

import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Writes the {@link TransparencyReport}: the data policy, with each category's live counts taken from where its
 * kind of data lives (the store's ports, the profile book, the decision log, the learned model). Counting reads
 * whole tables for some kinds; the report is an occasional operator's request, not a hot path.
 */
public final class TransparencyReportCounter {

    private final Store store;
    private final ProfileBook profiles;
    private final DecisionLog decisionLog;
    private final Supplier<Collection<String>> decisionSlots;
    private final ModelService models;
    private final Clock clock;

    public TransparencyReportCounter(Store store, ProfileBook profiles, DecisionLog decisionLog,
                                     Supplier<Collection<String>> decisionSlots, ModelService models, Clock clock) {
        this.store = store;
        this.profiles = profiles;
        this.decisionLog = decisionLog;
        this.decisionSlots = decisionSlots;
        this.models = models;
        this.clock = clock;
    }

    /** The report of {@code policy} with the counts of now. */
    public TransparencyReport report(DataPolicy policy) {
        return new TransparencyReport(clock.instant(), policy.version(), policy.controllerName(),
                policy.controllerContact(), policy.categories().stream()
                .map(category -> new TransparencyReport.Entry(category, holdings(category))).toList());
    }

    private TransparencyReport.Holdings holdings(DataCategory category) {
        return switch (category.kind()) {
            case EVENTS -> events(category);
            case PROFILES -> new TransparencyReport.Holdings(profiles.size(), profiles.size(),
                    "visitors with a profile in memory");
            case IDENTITY_LINKS -> identityLinks();
            case DECLARED_PREFERENCES -> declaredPreferences();
            case CONSENT_LEDGER -> consentLedger();
            case MODEL_FACTORS -> modelFactors();
            case DECISION_LOG -> decisionLog();
            case ANONYMOUS_COUNTS -> anonymousCounts();
            // The audit log is the server's file, outside the engine; it names nobody but by keyed pseudonym.
            case AUDIT_LOG, OTHER -> null;
        };
    }

    private TransparencyReport.Holdings events(DataCategory category) {
        EventCount count = store.events().countEvents(category.eventTypes());
        return new TransparencyReport.Holdings(count.subjects(), count.records(),
                "stored events of the category's event types, and the distinct visitors they belong to");
    }

    private TransparencyReport.Holdings identityLinks() {
        long[] links = {0};
        Set<String> customers = new HashSet<>();
        store.identities().forEach(link -> {
            links[0]++;
            customers.add(link.customerId());
        });
        return new TransparencyReport.Holdings(customers.size(), links[0],
                "links between a customer id and a visitor id, and the distinct customers");
    }

    private TransparencyReport.Holdings declaredPreferences() {
        long[] declarations = {0};
        store.declared().forEach(declaration -> declarations[0]++);
        return new TransparencyReport.Holdings(declarations[0], declarations[0],
                "visitors' declarations (liked and disliked categories, brands, sizes), one per visitor");
    }

    private TransparencyReport.Holdings consentLedger() {
        long[] entries = {0};
        Set<String> visitors = new HashSet<>();
        store.consents().forEachInChain(row -> {
            if (!row.isTombstone()) {
                ConsentEntry entry = row.entry();
                entries[0]++;
                visitors.add(entry.visitorId());
            }
        });
        return new TransparencyReport.Holdings(visitors.size(), entries[0],
                "consent ledger entries (erased visitors' tombstones not counted), and the visitors who answered");
    }

    private TransparencyReport.Holdings modelFactors() {
        long items = models.current().map(model -> (long) model.itemCount()).orElse(0L);
        return new TransparencyReport.Holdings(0, items,
                "items with factors in the model in use; no visitor factors are stored");
    }

    private TransparencyReport.Holdings decisionLog() {
        long[] decisions = {0};
        Set<String> visitors = new HashSet<>();
        for (String slot : decisionSlots.get()) {
            decisionLog.forEachOfSlot(slot, record -> {
                if (record.visitorId() != null) {
                    decisions[0]++;
                    visitors.add(record.visitorId());
                }
            });
        }
        return new TransparencyReport.Holdings(visitors.size(), decisions[0],
                "logged decisions of the configured slots that carry a visitor id, and the distinct visitors");
    }

    private TransparencyReport.Holdings anonymousCounts() {
        long[] tallies = {0};
        store.events().forEachTally(tally -> tallies[0]++);
        return new TransparencyReport.Holdings(0, tallies[0], "hourly counts per product or category; they name nobody");
    }
}
