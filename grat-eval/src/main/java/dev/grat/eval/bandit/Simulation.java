package dev.grat.eval.bandit;

import dev.grat.decide.bandit.Policies;
import dev.grat.decide.bandit.PolicyConfig;
import dev.grat.decide.bandit.RegretReport;
import dev.grat.decide.bandit.ShopSimulator;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** Runs every policy in the same simulated shop (same world, same visitor sequence seed). */
public final class Simulation {

    private Simulation() {
    }

    public static SimulationReport run(int offers, int rounds, long seed, int dimension) {
        ShopSimulator shop = new ShopSimulator(offers, seed);
        int[] checkpoints = IntStream.of(rounds / 20, rounds / 4, rounds / 2, rounds).filter(c -> c > 0).distinct().toArray();
        String best = shop.offers().get(shop.bestFixedOffer()).id();
        List<PolicyConfig> configs = List.of(
                PolicyConfig.rule().withExploration(1.0),
                PolicyConfig.fixed(best).withExploration(0),
                PolicyConfig.epsilonGreedy(),
                PolicyConfig.linUcb(),
                PolicyConfig.thompson());
        List<String> names = List.of("uniform random", "best fixed offer (known in advance)", "epsilon-greedy", "LinUCB",
                "Thompson sampling");
        List<RegretReport> reports = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            PolicyConfig config = configs.get(i).withDimension(dimension);
            reports.add(shop.run(names.get(i) + " " + config.describe().substring(config.kind().wireName().length()),
                    Policies.create(config), rounds, seed + 1, checkpoints));
        }
        return new SimulationReport(offers, shop.contextCount(), rounds, seed, dimension, shop.oracleRate(), shop.bestFixedRate(), reports);
    }
}
