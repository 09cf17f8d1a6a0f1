package dev.grat.decide.bandit;

import java.util.Objects;

/**
 * How a slot (or an experiment variant) decides. Start from a factory ({@link #linUcb()}, {@link #thompson()},
 * {@link #epsilonGreedy()}, {@link #rule()}, {@link #fixed(String)}) and adjust with the {@code with} methods.
 *
 * @param kind         the policy
 * @param dimension    length of the hashed feature vectors (default 128); decision cost grows with its square
 * @param interactions whether features include context × candidate products (default true)
 * @param exploration  the share of decisions spread uniformly over all candidates, so that every candidate's
 *                     logged probability is at least {@code exploration / candidates} (default 0.05; 0.1 for
 *                     epsilon-greedy, where it is epsilon); 0 allowed only for rule and fixed
 * @param alpha        LinUCB: width of the confidence bound added to the estimate (default 0.5)
 * @param noise        Thompson sampling: scale of the posterior the weights are drawn from (default 0.1, for rewards on a 0–1 scale)
 * @param draws        Thompson sampling: posterior draws that estimate each candidate's probability of being
 *                     the best (default 64); the choice is then sampled from exactly the logged distribution
 * @param ridge        prior precision of the weights (default 1)
 * @param fixedAction  the action of a {@link PolicyKind#FIXED} policy, else null
 * @param apprentice   for a learning kind: imitate the shop's rule until the learner is measurably better;
 *                     null to learn and decide from the start
 */
public record PolicyConfig(PolicyKind kind, int dimension, boolean interactions, double exploration, double alpha,
                           double noise, int draws, double ridge, String fixedAction, ApprenticeSettings apprentice) {

    public PolicyConfig {
        Objects.requireNonNull(kind, "kind");
        require(dimension >= 2 && dimension <= 1024, "dimension must be 2 to 1024, was " + dimension);
        double minimum = kind.learns() ? 1e-4 : 0;
        require(exploration >= minimum && exploration <= 1, "exploration must be " + minimum + " to 1 for "
                + kind.wireName() + ", was " + exploration);
        require(alpha >= 0 && Double.isFinite(alpha), "alpha must not be negative, was " + alpha);
        require(noise >= 0 && Double.isFinite(noise), "noise must not be negative, was " + noise);
        require(draws >= 1 && draws <= 10_000, "draws must be 1 to 10000, was " + draws);
        require(ridge > 0 && Double.isFinite(ridge), "ridge must be positive, was " + ridge);
        require((kind == PolicyKind.FIXED) == (fixedAction != null),
                "fixedAction is required for fixed policies and only for them");
        require(apprentice == null || kind.learns(), "apprentice mode needs a learning policy, not " + kind.wireName());
    }

    private static final int DIMENSION = 128;

    public static PolicyConfig linUcb() {
        return new PolicyConfig(PolicyKind.LINUCB, DIMENSION, true, 0.05, 0.5, 0.25, 64, 1, null, null);
    }

    public static PolicyConfig thompson() {
        return new PolicyConfig(PolicyKind.THOMPSON, DIMENSION, true, 0.05, 0.5, 0.1, 64, 1, null, null);
    }

    public static PolicyConfig epsilonGreedy() {
        return new PolicyConfig(PolicyKind.EPSILON_GREEDY, DIMENSION, true, 0.1, 0.5, 0.25, 64, 1, null, null);
    }

    public static PolicyConfig rule() {
        return new PolicyConfig(PolicyKind.RULE, DIMENSION, true, 0.05, 0.5, 0.25, 64, 1, null, null);
    }

    public static PolicyConfig fixed(String actionId) {
        return new PolicyConfig(PolicyKind.FIXED, DIMENSION, true, 0.05, 0.5, 0.25, 64, 1,
                Objects.requireNonNull(actionId, "actionId"), null);
    }

    public PolicyConfig withDimension(int value) {
        return new PolicyConfig(kind, value, interactions, exploration, alpha, noise, draws, ridge, fixedAction, apprentice);
    }

    public PolicyConfig withInteractions(boolean value) {
        return new PolicyConfig(kind, dimension, value, exploration, alpha, noise, draws, ridge, fixedAction, apprentice);
    }

    public PolicyConfig withExploration(double value) {
        return new PolicyConfig(kind, dimension, interactions, value, alpha, noise, draws, ridge, fixedAction, apprentice);
    }

    public PolicyConfig withAlpha(double value) {
        return new PolicyConfig(kind, dimension, interactions, exploration, value, noise, draws, ridge, fixedAction, apprentice);
    }

    public PolicyConfig withNoise(double value) {
        return new PolicyConfig(kind, dimension, interactions, exploration, alpha, value, draws, ridge, fixedAction, apprentice);
    }

    public PolicyConfig withDraws(int value) {
        return new PolicyConfig(kind, dimension, interactions, exploration, alpha, noise, value, ridge, fixedAction, apprentice);
    }

    public PolicyConfig withRidge(double value) {
        return new PolicyConfig(kind, dimension, interactions, exploration, alpha, noise, draws, value, fixedAction, apprentice);
    }

    public PolicyConfig withApprentice(ApprenticeSettings value) {
        return new PolicyConfig(kind, dimension, interactions, exploration, alpha, noise, draws, ridge, fixedAction, value);
    }

    /** A short description for decision answers and logs, e.g. {@code linucb(alpha=0.5, exploration=0.05)}. */
    public String describe() {
        String detail = switch (kind) {
            case LINUCB -> "alpha=" + alpha + ", ";
            case THOMPSON -> "noise=" + noise + ", draws=" + draws + ", ";
            case FIXED -> "action=" + fixedAction + ", ";
            case EPSILON_GREEDY, RULE -> "";
        };
        return kind.wireName() + "(" + detail + "exploration=" + exploration + (apprentice != null ? ", apprentice" : "") + ")";
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
