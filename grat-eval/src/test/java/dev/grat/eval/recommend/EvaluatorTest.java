package dev.grat.eval.recommend;

import dev.grat.recommend.model.IdIndex;
import dev.grat.recommend.model.Interactions;
import dev.grat.recommend.model.Recommender;
import dev.grat.recommend.model.UserHistory;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EvaluatorTest {

    /** Items a..f; "ann" trained on a, "bob" on b. */
    private final Interactions train = Interactions.builder()
            .add("ann", "a", 1).add("bob", "b", 1)
            .addItem("c").addItem("d").addItem("e").addItem("f").build();

    /** Ranks items in a fixed order for everybody: a, b, c, d, e, f. */
    private final Recommender fixedOrder = new Recommender() {
        @Override
        public IdIndex items() {
            return train.items();
        }

        @Override
        public float[] scores(UserHistory history) {
            float[] scores = new float[6];
            for (int i = 0; i < 6; i++) {
                scores[train.items().find(String.valueOf((char) ('a' + i)))] = 6 - i;
            }
            return scores;
        }
    };

    @Test
    void metrics_matchHandComputedValues_withTrainingItemsRemovedFromTheRanking() {
        // ann's list is b, c, d (a is hers); bob's list is a, c, d.
        TestSet test = TestSet.of(List.of(
                new Rating("ann", "c", 1, 0, 0), new Rating("ann", "f", 1, 0, 1),
                new Rating("bob", "e", 1, 0, 2),
                new Rating("bob", "b", 1, 0, 3),
                new Rating("carl", "a", 1, 0, 4)), train);
        Metrics m = Evaluator.evaluate(fixedOrder, train, test, 3);

        assertThat(test.users()).isEqualTo(2);
        assertThat(test.coldUsers()).isEqualTo(1);
        assertThat(test.repeatsDropped()).isEqualTo(1);
        // ann: hit at rank 2 of {c, f}; bob: no hit in {e}
        assertThat(m.precision()).isCloseTo((1 / 3.0 + 0) / 2, within(1e-12));
        assertThat(m.recall()).isCloseTo((1 / 2.0 + 0) / 2, within(1e-12));
        double annDcg = 1 / log2(3);
        double annIdcg = 1 + 1 / log2(3);
        assertThat(m.ndcg()).isCloseTo(annDcg / annIdcg / 2, within(1e-12));
        assertThat(m.map()).isCloseTo((0.5 / 2) / 2, within(1e-12));
        assertThat(m.hitRate()).isCloseTo(0.5, within(1e-12));
        // recommended: b, c, d, a
        assertThat(m.coverage()).isCloseTo(4 / 6.0, within(1e-12));
    }

    @Test
    void perfectRanking_scoresOne() {
        TestSet test = TestSet.of(List.of(new Rating("ann", "b", 1, 0, 0), new Rating("ann", "c", 1, 0, 1)), train);
        Metrics m = Evaluator.evaluate(fixedOrder, train, test, 2);
        assertThat(m.ndcg()).isCloseTo(1, within(1e-12));
        assertThat(m.map()).isCloseTo(1, within(1e-12));
        assertThat(m.precision()).isCloseTo(1, within(1e-12));
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
