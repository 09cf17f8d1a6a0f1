package dev.grat.decide.bandit;

import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/** A policy over one shared {@link RidgeModel}: decisions read it under a read lock, updates write it. */
abstract sealed class LinearPolicy implements Policy permits LinUcb, LinearThompson, EpsilonGreedy {

    protected final PolicyConfig config;
    protected final RidgeModel model;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    LinearPolicy(PolicyConfig config, RidgeModel model) {
        if (model.dimension() != config.dimension()) {
            throw new IllegalArgumentException("model dimension " + model.dimension() + " differs from config " + config.dimension());
        }
        this.config = config;
        this.model = model;
    }

    @Override
    public final PolicyConfig config() {
        return config;
    }

    @Override
    public final ActionDistribution decide(PolicyInput input, RandomGenerator random) {
        for (FeatureVector x : input.features()) {
            if (x.dimension() != config.dimension()) {
                throw new IllegalArgumentException("feature vector has dimension " + x.dimension() + ", the policy "
                        + config.dimension());
            }
        }
        lock.readLock().lock();
        try {
            return decideLocked(input, random);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Decides while holding the read lock: the model does not change meanwhile. */
    abstract ActionDistribution decideLocked(PolicyInput input, RandomGenerator random);

    @Override
    public final void learn(Feedback feedback) {
        lock.writeLock().lock();
        try {
            model.add(feedback.chosen(), feedback.reward());
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public final void unlearn(List<Feedback> feedback) {
        if (feedback.isEmpty()) {
            return;
        }
        lock.writeLock().lock();
        try {
            model.remove(feedback);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public final long updates() {
        lock.readLock().lock();
        try {
            return model.updates();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public final byte[] toBytes() {
        return PolicyCodec.write(config, this, null);
    }

    /** Runs {@code reader} on the model under the read lock (serialization, tests). */
    final <T> T read(Function<RidgeModel, T> reader) {
        lock.readLock().lock();
        try {
            return reader.apply(model);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The expected reward of each candidate. */
    final double[] means(PolicyInput input) {
        double[] means = new double[input.size()];
        for (int i = 0; i < means.length; i++) {
            means[i] = model.mean(input.features().get(i));
        }
        return means;
    }
}
