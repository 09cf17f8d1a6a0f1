package dev.grat.decide.bandit;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A decision policy of one slot (or experiment variant). Implementations are safe for concurrent decisions and
 * updates: decisions share a read lock, an update takes the write lock for a few microseconds.
 * Create one with {@link Policies#create(PolicyConfig)} or restore one with {@link Policies#fromBytes(byte[])}.
 */
public sealed interface Policy permits LinearPolicy, RulePolicy, ApprenticePolicy {

    PolicyConfig config();

    /** The probability of every candidate and the candidate drawn from them. */
    ActionDistribution decide(PolicyInput input, RandomGenerator random);

    /** Learns from one settled decision (policies that do not learn ignore it). */
    void learn(Feedback feedback);

    /** Takes back earlier {@link #learn} calls, for a visitor's erasure. */
    void unlearn(List<Feedback> feedback);

    /** How many observations the model holds. */
    long updates();

    /** The policy's configuration and learned state, versioned, for {@link Policies#fromBytes(byte[])}. */
    byte[] toBytes();
}
