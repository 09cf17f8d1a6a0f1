package dev.grat.decide.bandit;

/**
 * Where the takeover test of an apprentice policy stands.
 *
 * @param learnerInCharge whether the learner decides (it passed the test) or still imitates the rule
 * @param settled         settled decisions the test has seen
 * @param looks           how often the test has looked
 * @param estimatedGain   mean estimated extra reward per decision of the learner over the rule
 * @param lowerBound      the lower confidence bound of that gain at the last look (NaN before the first)
 */
public record ApprenticeStatus(boolean learnerInCharge, long settled, int looks, double estimatedGain, double lowerBound) {
}
