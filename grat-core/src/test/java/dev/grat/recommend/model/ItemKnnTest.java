package dev.grat.recommend.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ItemKnnTest {

    /** Items a and b are seen together by one visitor; c and d by twenty. Both pairs have cosine 1. */
    private static Interactions rareAndCommonPairs() {
        Interactions.Builder builder = Interactions.builder();
        builder.add("lonely", "a", 1).add("lonely", "b", 1);
        for (int u = 0; u < 20; u++) {
            builder.add("v" + u, "c", 1).add("v" + u, "d", 1);
        }
        return builder.build();
    }

    @Test
    void withoutShrinkage_similarityIsTheCosine() {
        Interactions data = rareAndCommonPairs();
        ItemKnnModel model = new ItemKnnTrainer(new ItemKnnParams(10, 0, 1)).train(data);
        assertThat(model.similarity(index(data, "a"), index(data, "b"))).isCloseTo(1f, within(1e-6f));
        assertThat(model.similarity(index(data, "c"), index(data, "d"))).isCloseTo(1f, within(1e-6f));
        assertThat(model.similarity(index(data, "a"), index(data, "c"))).isZero();
    }

    @Test
    void shrinkage_lowersPairsSeenByFewVisitorsMoreThanPairsSeenByMany() {
        Interactions data = rareAndCommonPairs();
        ItemKnnModel model = new ItemKnnTrainer(new ItemKnnParams(10, 10, 1)).train(data);
        float rare = model.similarity(index(data, "a"), index(data, "b"));
        float common = model.similarity(index(data, "c"), index(data, "d"));
        assertThat(rare).isCloseTo(1f / 11, within(1e-6f));
        assertThat(common).isCloseTo(20f / 30, within(1e-6f));
    }

    @Test
    void keepsOnlyTheConfiguredNumberOfNeighbours_theMostSimilarOnes() {
        Interactions.Builder builder = Interactions.builder();
        // "hub" co-occurs with x0 by one visitor, x1 by two, ... x4 by five.
        for (int x = 0; x < 5; x++) {
            for (int u = 0; u <= x; u++) {
                builder.add("v" + x + "-" + u, "hub", 1).add("v" + x + "-" + u, "x" + x, 1);
            }
        }
        Interactions data = builder.build();
        ItemKnnModel model = new ItemKnnTrainer(new ItemKnnParams(2, 0, 2)).train(data);
        int[] neighbours = TopK.select(model.similarTo(index(data, "hub")), 2, item -> false);
        assertThat(neighbours).containsExactly(index(data, "x4"), index(data, "x3"));
        assertThat(model.similarity(index(data, "hub"), index(data, "x4"))).isPositive();
        assertThat(model.similarity(index(data, "hub"), index(data, "x3"))).isPositive();
        assertThat(model.similarity(index(data, "hub"), index(data, "x2"))).isZero();
    }

    @Test
    void scores_sumSimilaritiesOverTheHistory() {
        Interactions data = rareAndCommonPairs();
        ItemKnnModel model = new ItemKnnTrainer(new ItemKnnParams(10, 0, 1)).train(data);
        float[] scores = model.scores(new UserHistory(new int[] {index(data, "a"), index(data, "c")}, new float[] {2f, 1f}));
        assertThat(scores[index(data, "b")]).isCloseTo(2f, within(1e-6f));
        assertThat(scores[index(data, "d")]).isCloseTo(1f, within(1e-6f));
    }

    private static int index(Interactions data, String item) {
        return data.items().find(item);
    }
}
