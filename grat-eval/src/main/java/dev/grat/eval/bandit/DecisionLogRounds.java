package dev.grat.eval.bandit;

import dev.grat.decide.bandit.DecisionRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * Grat's own decision log as bandit rounds, so the same estimators evaluate other policies on it. Only settled
 * decisions whose logging distribution covers every candidate are usable: holdout decisions and rule policies
 * without exploration give the other candidates probability zero, and no estimator can say what would have
 * happened there.
 *
 * @param rounds  the usable decisions, in log order
 * @param skipped decisions left out (unsettled, or without full support)
 */
public record DecisionLogRounds(List<BanditRound> rounds, int skipped) {

    public DecisionLogRounds {
        rounds = List.copyOf(rounds);
    }

    public static DecisionLogRounds of(List<DecisionRecord> records) {
        List<BanditRound> rounds = new ArrayList<>();
        int skipped = 0;
        for (DecisionRecord record : records) {
            boolean support = record.probabilities().stream().allMatch(p -> p > 0);
            if (!record.outcome().settled() || !support) {
                skipped++;
                continue;
            }
            rounds.add(new BanditRound(record.context(), record.candidates(), record.chosen(), 0, record.propensity(),
                    record.outcome().reward()));
        }
        return new DecisionLogRounds(rounds, skipped);
    }
}
