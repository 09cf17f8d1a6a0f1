package dev.grat.decide.bandit;

/**
 * When a learning policy in apprentice mode takes over from the shop's rule.
 *
 * <p>While imitating, the rule decides (with the exploration floor) and the learner learns from every rewarded
 * decision. For each settled decision i, with logged probability {@code p_i} of the shown action, the learner's
 * probability {@code l_i} and the rule's {@code q_i} of that action, {@code D_i = (l_i − q_i)·r_i / p_i} is an
 * unbiased estimate of how much more reward the learner would have earned. Every {@code checkEvery} settled
 * decisions (look {@code j = 1, 2, ...}) the learner takes over when the one-sided lower confidence bound of the
 * mean of D at level {@code α_j = α / (j(j+1))} is above zero. The levels sum to α, so by the union bound the
 * chance that a learner no better than the rule ever takes over is at most α however long the test runs.
 *
 * @param alpha      the chance of a wrong takeover (default 0.05)
 * @param checkEvery settled decisions between looks (default 500)
 */
public record ApprenticeSettings(double alpha, int checkEvery) {

    public ApprenticeSettings {
        if (!(alpha > 0 && alpha < 0.5)) {
            throw new IllegalArgumentException("apprentice alpha must be between 0 and 0.5, was " + alpha);
        }
        if (checkEvery < 10) {
            throw new IllegalArgumentException("apprentice checkEvery must be at least 10, was " + checkEvery);
        }
    }

    public static ApprenticeSettings defaults() {
        return new ApprenticeSettings(0.05, 500);
    }
}
