package dev.grat.recommend.model;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TopKTest {

    @RepeatedTest(20)
    void select_agreesWithAFullSort(RepetitionInfo info) {
        Random random = new Random(info.getCurrentRepetition());
        float[] scores = new float[1 + random.nextInt(300)];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = random.nextInt(50) / 7f;
        }
        int k = random.nextInt(40);
        int[] expected = IntStream.range(0, scores.length).boxed().filter(i -> i % 3 != 0)
                .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparing(i -> i))
                .limit(k).mapToInt(Integer::intValue).toArray();
        assertThat(TopK.select(scores, k, i -> i % 3 == 0)).containsExactly(expected);
    }

    @RepeatedTest(20)
    void offer_inAnyOrder_keepsWhatAFullSortPutsFirst_withTheirScores(RepetitionInfo info) {
        Random random = new Random(100 + info.getCurrentRepetition());
        float[] scores = new float[1 + random.nextInt(2000)];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = random.nextInt(200) / 7f;
        }
        int k = random.nextInt(60);
        List<Integer> shuffled = new ArrayList<>(IntStream.range(0, scores.length).boxed().toList());
        Collections.shuffle(shuffled, random);
        TopK top = new TopK(k);

        shuffled.forEach(item -> top.offer(item, scores[item]));
        TopK.Picks picks = top.result();

        int[] expected = IntStream.range(0, scores.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparing(i -> i))
                .limit(k).mapToInt(Integer::intValue).toArray();
        assertThat(picks.items()).containsExactly(expected);
        for (int rank = 0; rank < picks.size(); rank++) {
            assertThat(picks.score(rank)).isEqualTo(scores[expected[rank]]);
        }
    }

    @Test
    void select_leavesOutNaN_andReturnsFewerWhenTooFewItems() {
        float[] scores = {1f, Float.NaN, 3f};
        assertThat(TopK.select(scores, 5, i -> false)).containsExactly(2, 0);
    }
}
