package dev.grat.decide.bandit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApprenticePolicyTest {

    private final ShopSimulator shop = new ShopSimulator(10, 21);
    private final PolicyConfig apprentice = PolicyConfig.linUcb().withDimension(64).withExploration(0.2)
            .withApprentice(new ApprenticeSettings(0.05, 500));

    @Test
    void imitatesAWeakRule_untilTheLearnerIsMeasurablyBetter_thenTakesOver() {
        Policy policy = Policies.create(apprentice);
        int worst = shop.worstFixedOffer();
        shop.run("apprentice", policy, 400, 3, context -> worst, 400);
        assertThat(Policies.apprenticeStatus(policy).learnerInCharge()).isFalse();

        shop.run("apprentice", policy, 40_000, 4, context -> worst, 40_000);
        ApprenticeStatus status = Policies.apprenticeStatus(policy);
        assertThat(status.learnerInCharge()).isTrue();
        assertThat(status.lowerBound()).isPositive();
    }

    @Test
    void keepsImitating_aRuleThatIsAlreadyTheOracle() {
        Policy policy = Policies.create(apprentice);
        shop.run("apprentice", policy, 20_000, 5, shop::bestOfferFor, 20_000);
        ApprenticeStatus status = Policies.apprenticeStatus(policy);
        assertThat(status.looks()).isGreaterThan(10);
        assertThat(status.learnerInCharge()).isFalse();
    }
}
