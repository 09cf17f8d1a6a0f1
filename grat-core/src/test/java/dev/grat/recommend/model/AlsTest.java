package dev.grat.recommend.model;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AlsTest {

    private static final AlsParams SMALL = AlsParams.defaults().withFactors(8).withIterations(12)
            .withRegularization(0.01).withUnobservedWeight(0.1).withThreads(2);

    @Test
    void als_ranksHeldOutPositivesAboveRandomItems_onPlantedLowRankData() {
        PlantedData data = new PlantedData(7, 6, 50, 40);
        AlsModel model = new AlsTrainer(SMALL).train(data.train);
        Random random = new Random(11);
        long wins = 0;
        long comparisons = 0;
        for (int u = 0; u < data.users; u++) {
            UserHistory history = data.train.historyOf(data.userIndex(u));
            float[] scores = model.scores(history);
            Set<Integer> seen = itemsOf(history);
            for (int positive : data.heldOut.get(u)) {
                int negative = randomUnseen(random, data.items, seen, data.heldOut.get(u));
                comparisons++;
                if (scores[data.itemIndex(positive)] > scores[data.itemIndex(negative)]) {
                    wins++;
                }
            }
        }
        double auc = (double) wins / comparisons;
        assertThat(comparisons).isGreaterThan(500);
        assertThat(auc).as("share of held-out positives ranked above a random unseen item").isGreaterThan(0.9);
    }

    @Test
    void foldIn_ofTrainingUser_givesNearlyTheTrainedUsersTopItems() {
        PlantedData data = new PlantedData(3, 5, 40, 40);
        AlsParams params = SMALL.withFactors(16).withIterations(20).withCgSteps(6);
        AlsTrainer.Fit fit = new AlsTrainer(params).fit(data.train);
        AlsModel model = fit.model();
        int k = params.factors();
        double overlap = 0;
        for (int u = 0; u < data.users; u++) {
            int user = data.userIndex(u);
            float[] trained = new float[k];
            System.arraycopy(fit.userFactors(), user * k, trained, 0, k);
            UserHistory history = data.train.historyOf(user);
            int[] expected = TopK.select(model.scoresFor(trained), 10, item -> false);
            int[] folded = TopK.select(model.scores(history), 10, item -> false);
            overlap += intersection(expected, folded) / 10.0;
        }
        assertThat(overlap / data.users).as("mean top-10 overlap").isGreaterThan(0.85);
    }

    @Test
    void training_givesTheSameFactorsForTheSameSeed_whateverTheNumberOfThreads() {
        PlantedData data = new PlantedData(5, 4, 30, 30);
        AlsTrainer.Fit one = new AlsTrainer(SMALL.withThreads(1)).fit(data.train);
        AlsTrainer.Fit two = new AlsTrainer(SMALL.withThreads(2)).fit(data.train);
        AlsTrainer.Fit otherSeed = new AlsTrainer(SMALL.withThreads(2).withSeed(99)).fit(data.train);
        assertThat(two.userFactors()).containsExactly(one.userFactors());
        assertThat(two.model().itemFactors(3)).containsExactly(one.model().itemFactors(3));
        assertThat(otherSeed.model().itemFactors(3)).isNotEqualTo(one.model().itemFactors(3));
    }

    @Test
    void training_withThePlainJavaKernels_givesTheModelOfTheVectorApiKernels() {
        PlantedData data = new PlantedData(5, 4, 30, 30);
        AlsModel vector = new AlsTrainer(SMALL.withFactors(64), VectorKernels.INSTANCE).train(data.train);
        AlsModel scalar = new AlsTrainer(SMALL.withFactors(64), ScalarKernels.INSTANCE).train(data.train);
        for (int item = 0; item < data.items; item++) {
            float[] expected = vector.itemFactors(item);
            float[] actual = scalar.itemFactors(item);
            for (int f = 0; f < expected.length; f++) {
                assertThat(actual[f]).as("item %d factor %d", item, f).isCloseTo(expected[f], within(1e-3f));
            }
        }
    }

    @Test
    void training_withTheVectorApiKernels_givesTheSameFactorsWhateverTheNumberOfThreads() {
        PlantedData data = new PlantedData(5, 4, 30, 30);
        AlsTrainer.Fit one = new AlsTrainer(SMALL.withFactors(64).withThreads(1), VectorKernels.INSTANCE).fit(data.train);
        AlsTrainer.Fit two = new AlsTrainer(SMALL.withFactors(64).withThreads(2), VectorKernels.INSTANCE).fit(data.train);
        assertThat(two.userFactors()).containsExactly(one.userFactors());
        assertThat(two.model().itemFactors(7)).containsExactly(one.model().itemFactors(7));
    }

    @Test
    void foldIn_ofEmptyHistory_givesZeroFactorsAndScores() {
        PlantedData data = new PlantedData(5, 3, 20, 20);
        AlsModel model = new AlsTrainer(SMALL).train(data.train);
        assertThat(model.foldIn(UserHistory.empty())).containsOnly(0f);
        assertThat(model.scores(UserHistory.empty())).containsOnly(0f);
    }

    @Test
    void similarTo_ranksItemsOfTheSameClusterFirst() {
        PlantedData data = new PlantedData(9, 4, 50, 25);
        AlsModel model = new AlsTrainer(SMALL).train(data.train);
        int item = data.itemIndex(30);
        int[] similar = TopK.select(model.similarTo(item), 10, other -> other == item);
        long sameCluster = java.util.Arrays.stream(similar).filter(i -> Integer.parseInt(model.items().id(i).substring(1)) / 25 == 1).count();
        assertThat(sameCluster).isGreaterThanOrEqualTo(9);
    }

    @Test
    void foldIn_rejectsItemsOutsideTheModel() {
        PlantedData data = new PlantedData(5, 3, 20, 20);
        AlsModel model = new AlsTrainer(SMALL).train(data.train);
        assertThatThrownBy(() -> model.scores(UserHistory.of(data.items + 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the model");
    }

    @Test
    void params_rejectBadValues_namingTheField() {
        assertThatThrownBy(() -> AlsParams.defaults().withRegularization(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("regularization");
        assertThatThrownBy(() -> AlsParams.defaults().withFactors(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("factors");
        assertThatThrownBy(() -> AlsParams.defaults().withUnobservedWeight(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unobservedWeight");
    }

    private static Set<Integer> itemsOf(UserHistory history) {
        Set<Integer> items = new HashSet<>();
        for (int i = 0; i < history.size(); i++) {
            items.add(history.item(i));
        }
        return items;
    }

    private static int randomUnseen(Random random, int items, Set<Integer> seenIndices, Set<Integer> heldOut) {
        while (true) {
            int candidate = random.nextInt(items);
            if (!seenIndices.contains(candidate) && !heldOut.contains(candidate)) {
                return candidate;
            }
        }
    }

    private static int intersection(int[] a, int[] b) {
        Set<Integer> set = new HashSet<>();
        for (int x : a) {
            set.add(x);
        }
        int n = 0;
        for (int x : b) {
            if (set.contains(x)) {
                n++;
            }
        }
        return n;
    }
}
