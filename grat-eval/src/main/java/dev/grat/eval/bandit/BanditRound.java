package dev.grat.eval.bandit;

import dev.grat.decide.bandit.Candidate;
import dev.grat.decide.bandit.ContextFeatures;

import java.util.List;

/**
 * One logged round of a bandit: what the logging policy saw and chose, with what probability, and the reward.
 *
 * @param candidates the actions that could have been chosen (shared between rounds when they do not change)
 * @param chosen     the index of the logged action
 * @param position   the display position (0-based) for logs with several positions, else 0
 * @param propensity the logging policy's probability of the logged action
 */
public record BanditRound(ContextFeatures context, List<Candidate> candidates, int chosen, int position,
                          double propensity, double reward) {

    public BanditRound {
        if (chosen < 0 || chosen >= candidates.size()) {
            throw new IllegalArgumentException("chosen index " + chosen + " is outside the " + candidates.size() + " candidates");
        }
        if (!(propensity > 0 && propensity <= 1)) {
            throw new IllegalArgumentException("propensity must be in (0, 1], was " + propensity);
        }
    }
}
