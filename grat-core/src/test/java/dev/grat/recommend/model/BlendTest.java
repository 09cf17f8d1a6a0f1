package dev.grat.recommend.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BlendTest {

    private final PlantedData data = new PlantedData(13, 3, 20, 10);
    private final PopularityModel popularity = PopularityModel.train(data.train);
    private final ItemKnnModel knn = new ItemKnnTrainer(new ItemKnnParams(20, 0, 1)).train(data.train);

    @Test
    void coldVisitor_getsTheColdStartRecommender() {
        Blend blend = new Blend(List.of(new Blend.Member(knn, 1)), popularity);
        assertThat(blend.scores(UserHistory.empty())).containsExactly(popularity.scores(UserHistory.empty()));
    }

    @Test
    void knownVisitor_getsTheWeightedSumOfScaledScores() {
        Blend blend = new Blend(List.of(new Blend.Member(knn, 2), new Blend.Member(popularity, 1)), popularity);
        UserHistory history = data.train.historyOf(0);
        float[] knnScores = knn.scores(history);
        float[] popular = popularity.scores(history);
        float knnBest = max(knnScores);
        float popularBest = max(popular);
        float[] blended = blend.scores(history);
        for (int i = 0; i < blended.length; i++) {
            assertThat(blended[i]).isCloseTo(2 * knnScores[i] / knnBest + popular[i] / popularBest, within(1e-5f));
        }
    }

    @Test
    void membersMustShareTheItems() {
        PopularityModel other = PopularityModel.train(Interactions.builder().add("a", "x", 1).build());
        assertThatThrownBy(() -> new Blend(List.of(new Blend.Member(knn, 1)), other))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same items");
    }

    private static float max(float[] values) {
        float best = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            best = Math.max(best, v);
        }
        return best;
    }
}
