package dev.grat.eval.bandit;

import dev.grat.decide.bandit.RegretReport;

import java.util.List;

/**
 * The regret of each policy in one seeded simulated shop.
 *
 * @param oracleRate    expected click rate of the best offer per context
 * @param bestFixedRate expected click rate of the single best offer
 */
public record SimulationReport(int offers, int contexts, int rounds, long seed, int dimension, double oracleRate,
                               double bestFixedRate, List<RegretReport> policies) {

    public SimulationReport {
        policies = List.copyOf(policies);
    }
}
