package dev.grat.eval.bandit;

import dev.grat.decide.bandit.Candidate;

import java.util.List;

/**
 * One behaviour policy's log of one Open Bandit Dataset campaign, in time order.
 *
 * @param behaviour "random" or "bts"
 * @param items     the campaign's items as candidates, index = item id
 * @param positions how many display positions the widget has (3 in ZOZOTOWN)
 */
public record ObdLog(String behaviour, String campaign, List<Candidate> items, int positions, List<BanditRound> rounds) {

    public ObdLog {
        items = List.copyOf(items);
        rounds = List.copyOf(rounds);
    }

    /** The mean reward: the behaviour policy's on-policy click rate. */
    public double clickRate() {
        return rounds.stream().mapToDouble(BanditRound::reward).average().orElse(0);
    }

    public long clicks() {
        return rounds.stream().filter(r -> r.reward() > 0).count();
    }
}
