package dev.grat.recommend;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class IntCountsTest {

    @Test
    void randomAddsAndTakeBacks_matchAPlainMap_throughManyGrowths() {
        SplittableRandom random = new SplittableRandom(7);
        IntCounts counts = new IntCounts();
        Map<Integer, Integer> expected = new HashMap<>();
        for (int step = 0; step < 50_000; step++) {
            int key = random.nextInt(5_000);
            int delta = random.nextInt(4) == 0 ? -1 : 1 + random.nextInt(3);
            if (delta < 0 && expected.getOrDefault(key, 0) <= 0) {
                continue;
            }
            counts.add(key, delta);
            expected.merge(key, delta, Integer::sum);
        }

        Map<Integer, Integer> positive = new HashMap<>();
        counts.forEach(positive::put);
        expected.values().removeIf(count -> count <= 0);
        assertThat(positive).isEqualTo(expected);
        assertThat(counts.positiveEntries()).isEqualTo(expected.size());
        for (int key = 0; key < 5_000; key++) {
            assertThat(counts.get(key)).isEqualTo(expected.getOrDefault(key, 0));
        }
    }

    @Test
    void aCountTakenBackToZero_isNotVisited_andAZeroDeltaForANewKeyAddsNothing() {
        IntCounts counts = new IntCounts();
        counts.add(3, 2);
        counts.add(3, -2);
        counts.add(9, 0);

        Map<Integer, Integer> visited = new HashMap<>();
        counts.forEach(visited::put);
        assertThat(visited).isEmpty();
        assertThat(counts.get(3)).isZero();
        assertThat(counts.positiveEntries()).isZero();
    }
}
