package dev.grat.privacy.retention;

import dev.grat.event.EventType;
import dev.grat.privacy.policy.DataCategory;
import dev.grat.privacy.policy.DataKind;
import dev.grat.privacy.policy.DataPolicy;

import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How long Grat keeps each kind of record before the {@link RetentionJob} removes it: personal events per type,
 * the decision log, the anonymous hourly tallies, the server's audit log, identity links and declared preferences. Every period is positive; an event
 * type left out of {@code events} keeps its {@link #defaults() default} period.
 *
 * @param events           how long a personal event of each type is kept, counted from its timestamp
 * @param decisionLog      how long a settled decision stays in the decision log, counted from when it was made
 * @param anonymousTallies how long an anonymous hourly tally (and the ids of the anonymous events it counts) is kept
 * @param auditLog         how long an entry of the audit log is kept
 * @param identityLinks    how long a link between a customer id and a visitor id is kept, counted from when it was
 *                         made
 * @param declaredPreferences how long a visitor's declared preferences are kept, counted from when they were last
 *                         declared or corrected
 */
public record RetentionPeriods(Map<EventType, Duration> events, Duration decisionLog, Duration anonymousTallies,
                               Duration auditLog, Duration identityLinks, Duration declaredPreferences) {

    /** The given periods, with the default policy's periods of identity links and declared preferences. */
    public RetentionPeriods(Map<EventType, Duration> events, Duration decisionLog, Duration anonymousTallies,
                            Duration auditLog) {
        this(events, decisionLog, anonymousTallies, auditLog, defaultOf(DataKind.IDENTITY_LINKS),
                defaultOf(DataKind.DECLARED_PREFERENCES));
    }

    public RetentionPeriods {
        Objects.requireNonNull(events, "events");
        EnumMap<EventType, Duration> all = new EnumMap<>(EventType.class);
        all.putAll(defaultEventPeriods());
        events.forEach((type, period) -> all.put(Objects.requireNonNull(type, "event type"),
                requirePositive(period, "events[" + type.wireName() + "]")));
        events = Map.copyOf(all);
        requirePositive(decisionLog, "decisionLog");
        requirePositive(anonymousTallies, "anonymousTallies");
        requirePositive(auditLog, "auditLog");
        requirePositive(identityLinks, "identityLinks");
        requirePositive(declaredPreferences, "declaredPreferences");
    }

    /** The periods of the {@link DataPolicy#defaultPolicy() default data policy}. */
    public static RetentionPeriods defaults() {
        return from(DataPolicy.defaultPolicy());
    }

    /**
     * The periods a data policy declares, so that the policy file is the one place a shop sets them: each event
     * type's longest period among the event categories that cover it, and the periods of the decision-log,
     * anonymous-counts, audit-log, identity-links and declared-preferences categories. What the policy leaves out keeps the default policy's period
     * (an event type no category covers is never stored with an identifier, so its period applies to nothing).
     */
    public static RetentionPeriods from(DataPolicy policy) {
        DataPolicy fallback = DataPolicy.defaultPolicy();
        EnumMap<EventType, Duration> events = new EnumMap<>(fallback.retentionByEventType());
        events.putAll(policy.retentionByEventType());
        return new RetentionPeriods(events, periodOf(policy, fallback, DataKind.DECISION_LOG),
                periodOf(policy, fallback, DataKind.ANONYMOUS_COUNTS), periodOf(policy, fallback, DataKind.AUDIT_LOG),
                periodOf(policy, fallback, DataKind.IDENTITY_LINKS),
                periodOf(policy, fallback, DataKind.DECLARED_PREFERENCES));
    }

    private static Duration defaultOf(DataKind kind) {
        DataPolicy fallback = DataPolicy.defaultPolicy();
        return periodOf(fallback, fallback, kind);
    }

    private static Duration periodOf(DataPolicy policy, DataPolicy fallback, DataKind kind) {
        return longestOf(policy, kind).or(() -> longestOf(fallback, kind)).orElseThrow(
                () -> new IllegalStateException("the default data policy declares no " + kind.wireName() + " category"));
    }

    private static Optional<Duration> longestOf(DataPolicy policy, DataKind kind) {
        return policy.categories().stream().filter(c -> c.kind() == kind).map(DataCategory::retention)
                .max(Comparator.naturalOrder());
    }

    /** The period of one event type. */
    public Duration of(EventType type) {
        return events.get(type);
    }

    /** The same periods with another period for one event type. */
    public RetentionPeriods withEvent(EventType type, Duration period) {
        EnumMap<EventType, Duration> changed = new EnumMap<>(events);
        changed.put(type, period);
        return new RetentionPeriods(changed, decisionLog, anonymousTallies, auditLog, identityLinks, declaredPreferences);
    }

    /** The same periods with every event type kept for {@code period}. */
    public RetentionPeriods withAllEvents(Duration period) {
        EnumMap<EventType, Duration> changed = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            changed.put(type, period);
        }
        return new RetentionPeriods(changed, decisionLog, anonymousTallies, auditLog, identityLinks, declaredPreferences);
    }

    public RetentionPeriods withDecisionLog(Duration period) {
        return new RetentionPeriods(events, period, anonymousTallies, auditLog, identityLinks, declaredPreferences);
    }

    public RetentionPeriods withAnonymousTallies(Duration period) {
        return new RetentionPeriods(events, decisionLog, period, auditLog, identityLinks, declaredPreferences);
    }

    public RetentionPeriods withAuditLog(Duration period) {
        return new RetentionPeriods(events, decisionLog, anonymousTallies, period, identityLinks, declaredPreferences);
    }

    public RetentionPeriods withIdentityLinks(Duration period) {
        return new RetentionPeriods(events, decisionLog, anonymousTallies, auditLog, period, declaredPreferences);
    }

    public RetentionPeriods withDeclaredPreferences(Duration period) {
        return new RetentionPeriods(events, decisionLog, anonymousTallies, auditLog, identityLinks, period);
    }

    private static Map<EventType, Duration> defaultEventPeriods() {
        return DataPolicy.defaultPolicy().retentionByEventType();
    }

    private static Duration requirePositive(Duration period, String name) {
        if (period == null || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("retention period " + name + " must be positive, was " + period);
        }
        return period;
    }
}
