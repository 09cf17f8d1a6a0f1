package dev.grat.recommend.model;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link AlsModel#best}, which stops its scan early, against a full sort of every item's score. */
class AlsBestTest {

    @RepeatedTest(30)
    void best_equalsAFullSortOfEveryScore_onRandomSkewedFactors(RepetitionInfo info) {
        Random random = new Random(1000 + info.getCurrentRepetition());
        int k = new int[] {3, 8, 64}[random.nextInt(3)];
        int n = 1 + random.nextInt(5000);
        float[] direction = gaussian(random, k, 1);
        AlsModel model = randomModel(random, n, k, direction);
        for (int trial = 0; trial < 6; trial++) {
            // Users along the items' common direction make the bound nearly tight: the hard case for stopping early.
            float[] user = trial % 2 == 0 ? nudged(random, direction, 0.01) : gaussian(random, k, trial == 5 ? 0.01 : 1);
            BitSet skipped = new BitSet(n);
            for (int i = 0; i < n / 10; i++) {
                skipped.set(random.nextInt(n));
            }
            // Up to a few blocks of the model's scan (256 items), so that the bar falls at block edges.
            int count = random.nextInt(trial < 3 ? 60 : 700);
            float[] scores = referenceScores(model, user);

            TopK.Picks best = model.best(user, count, skipped::get);

            List<Integer> expected = IntStream.range(0, n).boxed().filter(i -> !skipped.get(i))
                    .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i))
                    .limit(count).toList();
            assertThat(best.items()).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
            for (int rank = 0; rank < best.size(); rank++) {
                assertThat(best.score(rank)).isEqualTo(scores[best.item(rank)]);
            }
        }
    }

    @RepeatedTest(10)
    void scoresFor_givesEveryItemItsHalfPrecisionDotProduct_bitForBit(RepetitionInfo info) {
        Random random = new Random(2000 + info.getCurrentRepetition());
        AlsModel model = randomModel(random, 1 + random.nextInt(3000), 16, gaussian(random, 16, 1));
        float[] user = gaussian(random, 16, 1);

        assertThat(model.scoresFor(user)).containsExactly(referenceScores(model, user));
    }

    @Test
    void best_ofTrainedModel_isTheTopOfItsScores_leavingOutTheHistory() {
        PlantedData data = new PlantedData(3, 4, 60, 50);
        AlsModel model = new AlsTrainer(AlsParams.defaults().withFactors(8).withIterations(5)).train(data.train);
        for (int u = 0; u < data.users; u++) {
            UserHistory history = data.train.historyOf(data.userIndex(u));
            BitSet seen = new BitSet();
            for (int i = 0; i < history.size(); i++) {
                seen.set(history.item(i));
            }

            TopK.Picks best = model.best(history, 10, seen::get);

            assertThat(best.items()).containsExactly(TopK.select(model.scores(history), 10, seen::get));
        }
    }

    @Test
    void best_findsSmallerButBetterAlignedItems_behindBlocksOfLargerOnes() {
        // 512 items (two blocks) of norm 1 at 60 degrees from the user score 0.5; 20 items of norm 0.5 + 2^-11 along
        // the user score a hair more, and come after the 512 in the scan (smaller norm): the bar is 0.5 when it reaches
        // them, and their bound exceeds it by 0.1%, so only an exact bound finds them.
        int k = 8;
        int n = 532;
        Random random = new Random(5);
        List<String> ids = new ArrayList<>();
        float[] factors = new float[n * k];
        for (int i = 0; i < n; i++) {
            ids.add("i" + i);
            if (i < 20) {
                factors[i * k] = 0.5f + 0x1p-11f;
            } else {
                factors[i * k] = 0.5f;
                factors[i * k + 1 + random.nextInt(k - 1)] = (float) Math.sqrt(0.75);
            }
        }
        AlsModel model = new AlsModel(IdIndex.of(ids), AlsParams.defaults().withFactors(k), factors);
        float[] user = new float[k];
        user[0] = 1;

        TopK.Picks best = model.best(user, 10, i -> false);

        assertThat(best.items()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(best.score(9)).isEqualTo(0.5f + 0x1p-11f);
    }

    @Test
    void best_rejectsANegativeCount_andUserFactorsOfTheWrongSize() {
        AlsModel model = randomModel(new Random(3), 10, 4, new float[4]);

        assertThatThrownBy(() -> model.best(new float[4], -1, i -> false)).hasMessageContaining("k must not be negative");
        assertThatThrownBy(() -> model.best(new float[3], 5, i -> false)).hasMessageContaining("userFactors must have 4");
    }

    /**
     * Factors whose size spans orders of magnitude as a trained model's long tail does, or only a factor of 2 (many
     * items of a similar size, the hard case for stopping early): half of them near
     * {@code direction}, the rest anywhere, some items copied (exact ties, resolved by index) and some all zero.
     */
    private static AlsModel randomModel(Random random, int n, int k, float[] direction) {
        List<String> ids = new ArrayList<>();
        float[] factors = new float[n * k];
        boolean longTail = random.nextBoolean();
        for (int i = 0; i < n; i++) {
            ids.add("i" + i);
            float size = (float) (longTail ? Math.pow(random.nextDouble(), 4) : 0.5 + 0.5 * random.nextDouble());
            int copyOf = i > 0 && random.nextDouble() < 0.05 ? random.nextInt(i) : -1;
            boolean zero = random.nextDouble() < 0.02;
            float[] row = random.nextBoolean() ? nudged(random, direction, 0.2 * random.nextDouble()) : gaussian(random, k, 1);
            for (int f = 0; f < k; f++) {
                factors[i * k + f] = zero ? 0 : copyOf >= 0 ? factors[copyOf * k + f] : size * row[f];
            }
        }
        return new AlsModel(IdIndex.of(ids), AlsParams.defaults().withFactors(k), factors);
    }

    private static float[] nudged(Random random, float[] direction, double noise) {
        float[] out = new float[direction.length];
        for (int f = 0; f < out.length; f++) {
            out[f] = (float) (direction[f] + random.nextGaussian() * noise);
        }
        return out;
    }

    /** Each item's score as the model defines it: its half-precision factors' dot product, summed in order in float. */
    private static float[] referenceScores(AlsModel model, float[] user) {
        int n = model.items().size();
        float[] scores = new float[n];
        for (int i = 0; i < n; i++) {
            float[] item = model.itemFactors(i);
            float sum = 0;
            for (int f = 0; f < user.length; f++) {
                sum += user[f] * Float.float16ToFloat(Float.floatToFloat16(item[f]));
            }
            scores[i] = sum;
        }
        return scores;
    }

    private static float[] gaussian(Random random, int k, double scale) {
        float[] out = new float[k];
        for (int f = 0; f < k; f++) {
            out[f] = (float) (random.nextGaussian() * scale);
        }
        return out;
    }
}
