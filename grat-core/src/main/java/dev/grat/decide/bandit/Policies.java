package dev.grat.decide.bandit;

/** Creates and restores {@link Policy} instances. */
public final class Policies {

    private Policies() {
    }

    /** A fresh policy (a learning one starts from the prior: it knows nothing yet). */
    public static Policy create(PolicyConfig config) {
        if (!config.kind().learns()) {
            return new RulePolicy(config);
        }
        RidgeModel model = new RidgeModel(config.dimension(), config.ridge(), config.kind() == PolicyKind.THOMPSON);
        LinearPolicy learner = learner(config, model);
        return config.apprentice() == null ? learner : new ApprenticePolicy(config, learner, new TakeoverTest(config.apprentice()));
    }

    /** A policy from {@link Policy#toBytes()}; fails with a clear message on another format or version. */
    public static Policy fromBytes(byte[] state) {
        return PolicyCodec.read(state);
    }

    /** The apprentice's takeover status, or null when the policy is not in apprentice mode. */
    public static ApprenticeStatus apprenticeStatus(Policy policy) {
        return policy instanceof ApprenticePolicy apprentice ? apprentice.status() : null;
    }

    static LinearPolicy learner(PolicyConfig config, RidgeModel model) {
        return switch (config.kind()) {
            case LINUCB -> new LinUcb(config, model);
            case THOMPSON -> new LinearThompson(config, model);
            case EPSILON_GREEDY -> new EpsilonGreedy(config, model);
            case RULE, FIXED -> throw new IllegalArgumentException(config.kind().wireName() + " has no model");
        };
    }
}
