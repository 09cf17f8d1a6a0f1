package dev.grat.decide.bandit;

import dev.grat.InvalidInputException;
import dev.grat.NotFoundException;
import dev.grat.catalog.Identifiers;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.event.FieldError;
import dev.grat.event.LineItem;
import dev.grat.experiment.ExperimentAnalysis;
import dev.grat.experiment.ExperimentResults;
import dev.grat.experiment.GroupCounts;
import dev.grat.experiment.GroupTally;
import dev.grat.experiment.Holdout;
import dev.grat.privacy.PrivacyLevel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

/**
 * Decisions that learn: the in-process API behind {@code POST /v1/decisions}, the reward endpoint and experiment
 * results. Each slot has a policy; a running experiment on a slot splits its visitors between variant policies;
 * the global holdout gets the shop's own choice everywhere. Every decision is logged with the probability of
 * each candidate; rewards and events add to its outcome while its attribution window is open; when the window
 * closes the decision is settled and its policy learns from it once.
 *
 * <p>Thread-safe. Time comes from the injected clock and chance from the injected generator, so a test with a
 * fixed clock and seed is reproducible.
 */
public final class DecisionService {

    private static final String POLICY_PREFIX = "policy/";
    private static final String EXPERIMENT_PREFIX = "experiment/";
    private static final double MAX_REWARD = 1e6;
    /** Slack for events that name their decision: the shop's clock may run a little behind Grat's. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final DecisionSettings settings;
    private final DecisionLog log;
    private final DecisionStateStore state;
    private final VisitorSignals visitors;
    private final Clock clock;
    private final RandomGenerator.SplittableGenerator random;
    private final ContextFeatureBuilder features;
    private final Map<String, ManagedPolicy> policies = new ConcurrentHashMap<>();
    private final Map<String, SlotExperiment> experiments = new ConcurrentHashMap<>();
    private final Map<String, String> runningBySlot = new ConcurrentHashMap<>();
    private final Map<String, FeatureEncoder> encoders = new ConcurrentHashMap<>();
    private final OpenDecisions open = new OpenDecisions();
    private final ReentrantLock settling = new ReentrantLock();
    private final Object configuring = new Object();

    /**
     * Loads the stored policies and experiments and reopens the unsettled decisions of the log.
     *
     * @param random the source of all exploration; split per decision
     */
    public DecisionService(DecisionSettings settings, DecisionLog log, DecisionStateStore state, VisitorSignals visitors,
                           Clock clock, RandomGenerator.SplittableGenerator random) {
        this.settings = settings;
        this.log = log;
        this.state = state;
        this.visitors = visitors;
        this.clock = clock;
        this.random = random;
        this.features = new ContextFeatureBuilder(settings.zone(), settings.valueBands());
        state.loadAll().forEach((key, bytes) -> {
            if (key.startsWith(POLICY_PREFIX)) {
                String policyKey = key.substring(POLICY_PREFIX.length());
                policies.put(policyKey, StateCodec.readPolicy(policyKey, bytes));
            } else if (key.startsWith(EXPERIMENT_PREFIX)) {
                SlotExperiment experiment = StateCodec.readExperiment(bytes);
                experiments.put(experiment.id(), experiment);
                if (experiment.running()) {
                    runningBySlot.put(experiment.slot(), experiment.id());
                }
            }
        });
        log.forEachUnsettled(record -> open.add(forLearning(record), record.decidedAt().plus(settings.attributionWindow())));
    }

    /** The policy key of a slot's own policy. */
    public static String slotKey(String slot) {
        return "slot:" + slot;
    }

    /**
     * Sets the policy of a slot. The same configuration again keeps what the policy learned; a different one
     * starts a fresh policy (use {@link #warmStart} to let it learn from the slot's log).
     */
    public void configure(String slot, PolicyConfig config) {
        List<FieldError> errors = new ArrayList<>();
        Identifiers.check(slot, "slot", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        synchronized (configuring) {
            install(slotKey(slot), config);
        }
    }

    /** Every configured slot and how it decides. */
    public Map<String, SlotStatus> slots() {
        Map<String, SlotStatus> slots = new TreeMap<>();
        policies.forEach((key, managed) -> {
            if (key.startsWith("slot:")) {
                String slot = key.substring(5);
                Policy policy = managed.policy();
                slots.put(slot, new SlotStatus(slot, policy.config(), policy.updates(), Policies.apprenticeStatus(policy),
                        runningBySlot.get(slot)));
            }
        });
        return slots;
    }

    /** Decides: chooses a candidate, logs the decision, and says why. */
    public DecisionAnswer decide(DecisionRequest request) {
        DecisionRequests.validate(request, settings.maxCandidates());
        settleDue();
        Instant now = clock.instant();
        RandomGenerator chance;
        synchronized (random) {
            chance = random.split();
        }
        String decisionId = "dec-" + HexFormat.of().toHexDigits(chance.nextLong()) + HexFormat.of().toHexDigits(chance.nextLong());
        VisitorSignals.Visit visit = visitors.lookup(request.visitorId(), now);
        String keptVisitor = visit.keepId() ? request.visitorId() : null;
        SlotExperiment experiment = runningExperiment(request.slot());
        if (experiment == null && !policies.containsKey(slotKey(request.slot()))) {
            // Checked before the holdout, so that a misspelt slot fails for every visitor, not for 95% of them.
            throw unconfigured(request.slot());
        }
        if (settings.holdout().contains(request.visitorId())) {
            return holdout(request, decisionId, keptVisitor, now, experiment, visit.level());
        }
        String variant = experiment == null ? null : experiment.experiment().assign(request.visitorId()).name();
        String key = experiment == null ? slotKey(request.slot()) : experiment.policyKey(variant);
        ManagedPolicy managed = policies.get(key);
        if (managed == null) {
            throw unconfigured(request.slot());
        }
        Policy policy = managed.policy();
        ContextFeatures context = features.build(request.context(), now, visit.profile());
        List<Candidate> candidates = request.candidates();
        List<FeatureVector> vectors = encoder(policy.config()).encode(context, candidates);
        List<String> ids = candidates.stream().map(Candidate::id).toList();
        int ruleChoice = request.ruleChoice() == null ? -1 : ids.indexOf(request.ruleChoice());
        ActionDistribution decision = policy.decide(new PolicyInput(ids, vectors, ruleChoice), chance);
        DecisionRecord record = new DecisionRecord(decisionId, request.slot(), keptVisitor, now, key,
                policy.config().describe(), experiment == null ? null : experiment.id(), variant, context, candidates,
                decision.chosen(), boxed(decision.probabilities()), decision.learnerProbability(), decision.ruleProbability(),
                Outcome.none());
        logAndOpen(record);
        boolean imitating = Double.isFinite(decision.ruleProbability());
        String explanation = imitating ? Explanations.imitating()
                : Explanations.explain(context, candidates.get(decision.chosen()), decision);
        String label = decision.decidedBy().equals(policy.config().kind().wireName()) ? policy.config().describe()
                : policy.config().describe() + " [" + decision.decidedBy() + "]";
        return answer(record, decision, label, explanation, visit.level());
    }

    private DecisionAnswer holdout(DecisionRequest request, String decisionId, String keptVisitor, Instant now,
                                   SlotExperiment experiment, PrivacyLevel level) {
        List<Candidate> candidates = request.candidates();
        int chosen = 0;
        for (int i = 0; i < candidates.size(); i++) {
            chosen = candidates.get(i).id().equals(request.ruleChoice()) ? i : chosen;
        }
        double[] probabilities = new double[candidates.size()];
        probabilities[chosen] = 1;
        ContextFeatures context = features.build(request.context(), now, null);
        DecisionRecord record = new DecisionRecord(decisionId, request.slot(), keptVisitor, now, DecisionRecord.HOLDOUT,
                DecisionRecord.HOLDOUT, experiment == null ? null : experiment.id(), experiment == null ? null : Holdout.GROUP,
                context, candidates, chosen, boxed(probabilities), Double.NaN, Double.NaN, Outcome.none());
        logAndOpen(record);
        List<RankedAction> ranking = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            int index = i == 0 ? chosen : i <= chosen ? i - 1 : i;
            ranking.add(new RankedAction(candidates.get(index).id(), probabilities[index], 0));
        }
        return new DecisionAnswer(decisionId, request.slot(), candidates.get(chosen).id(), ranking, DecisionRecord.HOLDOUT,
                record.experimentId(), record.variant(), context.groups(), Explanations.holdout(), level);
    }

    private NotFoundException unconfigured(String slot) {
        return new NotFoundException("slot '" + slot + "' has no policy; configure it first. Configured slots: "
                + String.join(", ", slots().keySet()));
    }

    private void logAndOpen(DecisionRecord record) {
        log.append(record);
        open.add(forLearning(record), record.decidedAt().plus(settings.attributionWindow()));
    }

    /**
     * What an open decision keeps in memory until it settles: the shown candidate is all that learning needs, and
     * a full candidate set (up to 500 candidates of 100 features) for every decision of the window would not fit.
     * The log keeps the whole record.
     */
    private static DecisionRecord forLearning(DecisionRecord record) {
        return new DecisionRecord(record.id(), record.slot(), record.visitorId(), record.decidedAt(), record.policyKey(),
                record.policy(), record.experimentId(), record.variant(), record.context(), List.of(record.chosenCandidate()),
                0, List.of(record.propensity()), record.learnerProbability(), record.ruleProbability(), record.outcome());
    }

    private static DecisionAnswer answer(DecisionRecord record, ActionDistribution decision, String policy, String explanation,
                                         PrivacyLevel level) {
        List<RankedAction> ranking = new ArrayList<>();
        for (int i : decision.ranking()) {
            ranking.add(new RankedAction(record.candidates().get(i).id(), decision.probability(i), decision.score(i)));
        }
        return new DecisionAnswer(record.id(), record.slot(), record.chosenCandidate().id(), ranking, policy,
                record.experimentId(), record.variant(), record.context().groups(), explanation, level);
    }

    /**
     * Adds an explicit reward to an open decision and returns its outcome so far.
     *
     * @throws NotFoundException     when no such decision is logged
     * @throws InvalidInputException when the value is not a finite number up to ±1e6, or the window has closed
     */
    public Outcome reward(String decisionId, double value) {
        if (!Double.isFinite(value) || Math.abs(value) > MAX_REWARD) {
            throw new InvalidInputException("value", "must be a finite number between -1e6 and 1e6, was " + value);
        }
        settleDue();
        OpenDecisions.Open decision = open.get(decisionId);
        Outcome outcome = decision == null ? null : decision.update(o -> o.plusReward(value));
        if (outcome == null) {
            DecisionRecord logged = log.find(decisionId)
                    .orElseThrow(() -> new NotFoundException("decision '" + decisionId + "' is not logged"));
            throw new InvalidInputException("decisionId", "the attribution window of decision " + decisionId + " closed at "
                    + logged.decidedAt().plus(settings.attributionWindow()) + "; later rewards are not counted");
        }
        log.updateOutcome(decisionId, outcome);
        return outcome;
    }

    /**
     * Attributes accepted events to open decisions: an event with a decision id to that decision, a purchase
     * without one to every open decision of the same (consenting) visitor made before it. Clicks and purchases count in the
     * outcome; each event type adds its configured reward. Events outside a decision's window count nothing.
     * Call it once per newly accepted event (a duplicate would count twice). Returns the attributions made.
     */
    public int onEvents(List<Event> events) {
        settleDue();
        int attributed = 0;
        for (Event event : events) {
            if (event.type() == null || event.timestamp() == null) {
                continue;
            }
            List<OpenDecisions.Open> targets;
            if (event.decisionId() != null) {
                OpenDecisions.Open target = open.get(event.decisionId());
                targets = target == null ? List.of() : List.of(target);
            } else if (event.type() == EventType.PURCHASE && event.visitorId() != null) {
                targets = open.ofVisitor(event.visitorId());
            } else {
                continue;
            }
            Duration skew = event.decisionId() != null ? CLOCK_SKEW : Duration.ZERO;
            for (OpenDecisions.Open target : targets) {
                attributed += attribute(event, target, skew) ? 1 : 0;
            }
        }
        return attributed;
    }

    /** Counts the event for the decision when its time lies in the window (with {@code skew} of slack before it). */
    private boolean attribute(Event event, OpenDecisions.Open target, Duration skew) {
        Instant decided = target.record().decidedAt();
        if (event.timestamp().isBefore(decided.minus(skew)) || event.timestamp().isAfter(target.closesAt())) {
            return false;
        }
        double reward = settings.eventRewards().getOrDefault(event.type(), 0.0);
        Outcome outcome = switch (event.type()) {
            case OFFER_CLICK, RECOMMENDATION_CLICK, EMAIL_CLICK -> target.update(o -> o.plusClick(reward));
            case PURCHASE -> target.update(o -> o.plusConversion(reward, purchaseValue(event)));
            default -> reward == 0 ? null : target.update(o -> o.plusReward(reward));
        };
        if (outcome != null) {
            log.updateOutcome(target.record().id(), outcome);
        }
        return outcome != null;
    }

    private static double purchaseValue(Event event) {
        double value = 0;
        for (LineItem item : event.items()) {
            value += item.price() == null ? 0 : item.price().doubleValue() * item.quantity();
        }
        return value;
    }

    /**
     * Settles every decision whose attribution window has closed: logs its final outcome and lets its policy
     * learn from it. Decisions and rewards call this too; a scheduler may call it every few seconds. Returns how
     * many were settled (0 when another thread is settling).
     */
    public int settleDue() {
        if (!settling.tryLock()) {
            return 0;
        }
        try {
            Instant now = clock.instant();
            List<OpenDecisions.Open> due = open.takeDue(now);
            if (due.isEmpty()) {
                return 0;
            }
            Map<String, Outcome> outcomes = new LinkedHashMap<>();
            for (OpenDecisions.Open decision : due) {
                outcomes.put(decision.record().id(), decision.close(now));
            }
            log.updateOutcomes(outcomes);
            for (OpenDecisions.Open decision : due) {
                learn(decision.record().withOutcome(outcomes.get(decision.record().id())));
            }
            return due.size();
        } finally {
            settling.unlock();
        }
    }

    private void learn(DecisionRecord record) {
        ManagedPolicy managed = policies.get(record.policyKey());
        if (managed == null || !managed.policy().config().kind().learns()) {
            return;
        }
        managed.policy().learn(feedback(record, managed.policy()));
        if (managed.countUpdate(settings.checkpointEvery())) {
            save(managed);
        }
    }

    private Feedback feedback(DecisionRecord record, Policy policy) {
        FeatureVector chosen = encoder(policy.config()).encode(record.context(), record.chosenCandidate());
        return new Feedback(chosen, record.outcome().reward(), record.propensity(), record.learnerProbability(),
                record.ruleProbability());
    }

    /**
     * Lets a fresh slot policy learn from every settled decision of its slot in the log (decided by any policy,
     * experiment variant or the holdout). Returns how many it learned from.
     *
     * @throws InvalidInputException when the policy has learned already
     */
    public int warmStart(String slot) {
        settleDue();
        ManagedPolicy managed = policies.get(slotKey(slot));
        if (managed == null) {
            throw new NotFoundException("slot '" + slot + "' has no policy; configure it first");
        }
        Policy policy = managed.policy();
        if (!policy.config().kind().learns()) {
            throw new InvalidInputException("slot", policy.config().kind().wireName() + " policies do not learn");
        }
        synchronized (configuring) {
            if (policy.updates() > 0 || managed.warmStartedAt() != null) {
                throw new InvalidInputException("slot", "the policy of '" + slot + "' has learned from " + policy.updates()
                        + " decisions already; warm start is for a fresh policy (configure a new one first)");
            }
            Instant at = clock.instant();
            int[] learned = {0};
            log.forEachOfSlot(slot, record -> {
                if (record.outcome().settled() && !record.outcome().settledAt().isAfter(at)) {
                    policy.learn(feedback(record, policy));
                    learned[0]++;
                }
            });
            managed.markWarmStarted(at);
            save(managed);
            return learned[0];
        }
    }

    /** Starts an experiment on its slot; the slot must not have another running one. */
    public void startExperiment(SlotExperiment experiment) {
        List<FieldError> errors = new ArrayList<>();
        Identifiers.check(experiment.slot(), "slot", errors);
        Identifiers.check(experiment.id(), "id", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        synchronized (configuring) {
            if (experiments.containsKey(experiment.id())) {
                throw new InvalidInputException("id", "experiment '" + experiment.id() + "' exists already");
            }
            String running = runningBySlot.get(experiment.slot());
            if (running != null) {
                throw new InvalidInputException("slot", "experiment '" + running + "' is running on slot '"
                        + experiment.slot() + "'; stop it first");
            }
            SlotExperiment started = new SlotExperiment(experiment.slot(), experiment.experiment(), experiment.arms(), true);
            for (Map.Entry<String, PolicyConfig> arm : started.arms().entrySet()) {
                install(started.policyKey(arm.getKey()), arm.getValue());
            }
            experiments.put(started.id(), started);
            runningBySlot.put(started.slot(), started.id());
            state.put(EXPERIMENT_PREFIX + started.id(), StateCodec.writeExperiment(started));
        }
    }

    /** Stops assigning visitors to an experiment; its results stay available. */
    public void stopExperiment(String experimentId) {
        synchronized (configuring) {
            SlotExperiment experiment = experiment(experimentId);
            SlotExperiment stopped = experiment.stopped();
            experiments.put(experimentId, stopped);
            runningBySlot.remove(experiment.slot(), experimentId);
            state.put(EXPERIMENT_PREFIX + experimentId, StateCodec.writeExperiment(stopped));
        }
    }

    /** Every experiment, running or stopped. */
    public List<SlotExperiment> experiments() {
        return experiments.values().stream().sorted(Comparator.comparing(SlotExperiment::id)).toList();
    }

    /** The results of an experiment so far, from the decision log. */
    public ExperimentResults results(String experimentId) {
        SlotExperiment experiment = experiment(experimentId);
        settleDue();
        Map<String, GroupTally> tallies = new LinkedHashMap<>();
        log.forEachExposure(experimentId, exposure -> {
            Outcome outcome = exposure.outcome();
            tallies.computeIfAbsent(exposure.group(), GroupTally::new)
                    .add(exposure.visitorId(), outcome.clicks() > 0, outcome.conversions() > 0, outcome.revenue());
        });
        Map<String, GroupCounts> counts = new LinkedHashMap<>();
        tallies.forEach((group, tally) -> counts.put(group, tally.counts()));
        return ExperimentAnalysis.analyze(experiment.experiment(), settings.holdout(), counts, settings.analysis());
    }

    /**
     * Removes the visitor's decisions from the log and takes their contributions back out of every policy that
     * learned from them. Returns how many decisions were removed.
     */
    public int eraseVisitor(String visitorId) {
        List<DecisionRecord> removed = log.eraseVisitor(visitorId);
        Map<ManagedPolicy, List<Feedback>> contributions = new LinkedHashMap<>();
        for (DecisionRecord record : removed) {
            open.remove(record.id());
            for (ManagedPolicy managed : policies.values()) {
                String slot = slotOf(managed.key());
                if (managed.policy().config().kind().learns() && managed.learnedFrom(record, slot)) {
                    contributions.computeIfAbsent(managed, m -> new ArrayList<>()).add(feedback(record, managed.policy()));
                }
            }
        }
        contributions.forEach((managed, feedback) -> {
            managed.policy().unlearn(feedback);
            save(managed);
        });
        return removed.size();
    }

    /** Saves the state of every policy (call it on shutdown). */
    public void checkpoint() {
        policies.values().forEach(this::save);
    }

    /** Every logged decision of a slot, oldest first (for off-policy evaluation). */
    public List<DecisionRecord> decisions(String slot) {
        return log.ofSlot(slot);
    }

    /** The visitor's logged decisions, with the features they used (for the visitor's data export). */
    public List<DecisionRecord> decisionsOf(String visitorId) {
        return log.ofVisitor(visitorId);
    }

    /** How many decisions wait for their attribution window to close. */
    public int openDecisions() {
        return open.size();
    }

    private void install(String key, PolicyConfig config) {
        ManagedPolicy current = policies.get(key);
        if (current != null && current.policy().config().equals(config)) {
            return;
        }
        ManagedPolicy fresh = new ManagedPolicy(key, Policies.create(config), clock.instant(), null);
        policies.put(key, fresh);
        save(fresh);
    }

    private void save(ManagedPolicy managed) {
        state.put(POLICY_PREFIX + managed.key(), StateCodec.writePolicy(managed));
        managed.markSaved();
    }

    private SlotExperiment runningExperiment(String slot) {
        String id = runningBySlot.get(slot);
        return id == null ? null : experiments.get(id);
    }

    private SlotExperiment experiment(String experimentId) {
        SlotExperiment experiment = experiments.get(experimentId);
        if (experiment == null) {
            throw new NotFoundException("experiment '" + experimentId + "' does not exist");
        }
        return experiment;
    }

    /** The slot a policy key decides for (the experiment's slot for a variant policy). */
    private String slotOf(String key) {
        if (key.startsWith("slot:")) {
            return key.substring(5);
        }
        String experimentId = key.substring("experiment:".length(), key.lastIndexOf(':'));
        SlotExperiment experiment = experiments.get(experimentId);
        return experiment == null ? "" : experiment.slot();
    }

    private FeatureEncoder encoder(PolicyConfig config) {
        return encoders.computeIfAbsent(config.dimension() + "/" + config.interactions(),
                k -> new FeatureEncoder(config.dimension(), config.interactions()));
    }

    private static List<Double> boxed(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return list;
    }
}
