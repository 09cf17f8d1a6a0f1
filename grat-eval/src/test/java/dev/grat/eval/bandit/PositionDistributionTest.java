package dev.grat.eval.bandit;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PositionDistributionTest {

    @Test
    void fromLog_isTheShareOfEachItemAtEachPosition() throws IOException {
        PositionDistribution frequencies = PositionDistribution.fromLog("bts", ObdReader.read(Fixtures.obd(), "bts", "men"));
        for (int position = 0; position < 3; position++) {
            double sum = 0;
            for (int item = 0; item < 4; item++) {
                sum += frequencies.probability(position, item);
            }
            assertThat(sum).isCloseTo(1, within(1e-12));
            assertThat(frequencies.probability(position, 2)).isCloseTo(0.7, within(0.08));
        }
    }

    @Test
    void fromBetaPrior_ranksTheItemWithTheBestPosteriorFirst_mostOfTheTime() {
        double[] alpha = {10, 10, 60, 10};
        double[] beta = {990, 990, 940, 990};
        PositionDistribution replayed = PositionDistribution.fromBetaPrior("bts", alpha, beta, 3, 20_000, 1);
        assertThat(replayed.probability(0, 2)).isGreaterThan(0.99);
        assertThat(replayed.probability(1, 2)).isLessThan(0.01);
        assertThat(replayed.probability(1, 0) + replayed.probability(1, 1) + replayed.probability(1, 3)).isCloseTo(1, within(0.01));
    }

    @Test
    void rows_mustSumToOne() {
        assertThatThrownBy(() -> new PositionDistribution("x", new double[][]{{0.5, 0.4}})).hasMessageContaining("sum to 0.9");
    }
}
