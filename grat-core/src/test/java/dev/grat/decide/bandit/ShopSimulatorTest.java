package dev.grat.decide.bandit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Regret in one seeded simulated shop: ratios within a single run, no timing. */
class ShopSimulatorTest {

    private static final int ROUNDS = 6000;
    private final ShopSimulator shop = new ShopSimulator(20, 7);

    private RegretReport run(PolicyConfig config) {
        return shop.run(config.describe(), Policies.create(config.withDimension(64)), ROUNDS, 11, ROUNDS / 2, ROUNDS);
    }

    @Test
    void linUcbAndThompsonSampling_haveFarLessRegretThanUniformRandom() {
        RegretReport uniform = run(PolicyConfig.rule().withExploration(1.0));
        RegretReport linUcb = run(PolicyConfig.linUcb());
        RegretReport thompson = run(PolicyConfig.thompson().withDraws(16));
        assertThat(linUcb.finalRegret()).isLessThan(0.6 * uniform.finalRegret());
        assertThat(thompson.finalRegret()).isLessThan(0.6 * uniform.finalRegret());
        assertThat(linUcb.vsBestFixed()[1]).isNegative();
        assertThat(thompson.vsBestFixed()[1]).isNegative();
    }

    @Test
    void epsilonGreedy_regretGrowsSublinearly_whileUniformGrowsLinearly() {
        RegretReport greedy = run(PolicyConfig.epsilonGreedy());
        RegretReport uniform = run(PolicyConfig.rule().withExploration(1.0));
        double greedySecondHalf = greedy.regretAt(1) - greedy.regretAt(0);
        double uniformSecondHalf = uniform.regretAt(1) - uniform.regretAt(0);
        assertThat(greedySecondHalf).isLessThan(0.75 * greedy.regretAt(0));
        assertThat(uniformSecondHalf).isGreaterThan(0.85 * uniform.regretAt(0));
    }

    @Test
    void oracle_isAtLeastTheBestFixedOffer() {
        assertThat(shop.oracleRate()).isGreaterThan(shop.bestFixedRate());
    }
}
