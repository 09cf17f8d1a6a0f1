package dev.grat.eval.bandit;

import java.util.List;

/**
 * The results of {@code grat ope --obd}.
 *
 * @param random             the uniform random policy's on-policy click rate (its own log)
 * @param bts                the Bernoulli TS policy's on-policy click rate (its own log): the ground truth
 * @param relativeOnPolicy   bts / random on-policy click rates
 * @param btsFromRandom      BTS's value estimated off-policy from the random log, with its action
 *                           distribution taken from the BTS log's action frequencies
 * @param btsFromPrior       the same with BTS replayed from a given prior (as the Open Bandit Pipeline does),
 *                           or null
 * @param heldOut            Grat's policies, trained on the first part of the random log and evaluated on the
 *                           rest, next to uniform random and BTS on the same rounds
 * @param method             how it was done, in words
 */
public record ObdReport(String campaign, OnPolicy random, OnPolicy bts, double relativeOnPolicy, PolicyValue btsFromRandom,
                        PolicyValue btsFromPrior, int trainRounds, int testRounds, OnPolicy randomOnHeldOut,
                        List<TrainedPolicy> heldOut, String method) {

    public ObdReport {
        heldOut = List.copyOf(heldOut);
    }

    /** A policy's click rate on its own log, with a Wilson interval. */
    public record OnPolicy(String policy, int rounds, long clicks, double ctr, double low, double high) {
    }

    /**
     * A policy evaluated on the held-out part of the random log.
     *
     * @param training    "replay", "warm start" or "none"
     * @param learnedFrom how many training rounds it learned from
     */
    public record TrainedPolicy(String policy, String training, int learnedFrom, PolicyValue value) {
    }
}
