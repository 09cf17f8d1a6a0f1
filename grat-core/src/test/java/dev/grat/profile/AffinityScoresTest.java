package dev.grat.profile;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AffinityScoresTest {

    private static final Duration DAY = Duration.ofDays(1);
    private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private static final long DAY_MILLIS = DAY.toMillis();

    @Test
    void addsInOrder_decayTheOlderWeightsToTheNewest() {
        AffinityScores scores = new AffinityScores(DAY);
        scores.add("Women", 8, T0);
        scores.add("Women", 4, T0 + DAY_MILLIS);

        assertThat(scores.valueAt("Women", T0 + DAY_MILLIS)).isCloseTo(8, within(1e-9));
        assertThat(scores.valueAt("Men", T0 + DAY_MILLIS)).isZero();
        assertThat(scores.size()).isEqualTo(1);
    }

    @Test
    void anOlderWeight_isDecayedToTheNewestUpdate_andDoesNotMoveItsTime() {
        AffinityScores scores = new AffinityScores(DAY);
        scores.add("Women", 4, T0 + DAY_MILLIS);
        scores.add("Women", 8, T0);

        assertThat(scores.valueAt("Women", T0 + DAY_MILLIS)).isCloseTo(8, within(1e-9));
        assertThat(scores.valueAt("Women", T0 + 2 * DAY_MILLIS)).isCloseTo(4, within(1e-9));
    }

    @Test
    void aValueAsked_beforeItsNewestUpdate_isNotGrown() {
        AffinityScores scores = new AffinityScores(DAY);
        scores.add("Women", 4, T0 + DAY_MILLIS);

        assertThat(scores.valueAt("Women", T0)).isEqualTo(4);
    }

    @Test
    void negativeWeights_takeContributionsBackToZero() {
        AffinityScores scores = new AffinityScores(DAY);
        scores.add("Women", 8, T0);
        scores.add("Women", 4, T0 + DAY_MILLIS);
        scores.add("Women", -8, T0);
        scores.add("Women", -4, T0 + DAY_MILLIS);

        assertThat(scores.valueAt("Women", T0 + 3 * DAY_MILLIS)).isZero();
    }

    @Test
    void theValue_halvesEveryHalfLife() {
        AffinityScores scores = new AffinityScores(DAY);
        scores.add("Women", 8, T0);

        assertThat(scores.valueAt("Women", T0 + DAY_MILLIS)).isCloseTo(4, within(1e-12));
        assertThat(scores.valueAt("Women", T0 + 2 * DAY_MILLIS)).isCloseTo(2, within(1e-12));
        assertThat(scores.valueAt("Women", T0 + 3 * DAY_MILLIS)).isCloseTo(1, within(1e-12));
    }

    @Test
    void thousandsOfKeys_growTheTable_andKeepEveryScore() {
        AffinityScores scores = new AffinityScores(DAY);
        for (int i = 0; i < 1_000; i++) {
            scores.add("category-" + i, i, T0);
        }
        for (int i = 0; i < 1_000; i++) {
            scores.add("category-" + i, 1, T0);
        }

        assertThat(scores.size()).isEqualTo(1_000);
        for (int i = 0; i < 1_000; i++) {
            assertThat(scores.valueAt("category-" + i, T0)).isEqualTo(i + 1);
        }
        Map<String, Double> all = new HashMap<>();
        scores.forEachValueAt(T0, all::put);
        assertThat(all).hasSize(1_000).containsEntry("category-999", 1_000.0);
    }

    @Test
    void keysWithTheSameHash_andEqualKeysOfOtherInstances_areTold() {
        AffinityScores scores = new AffinityScores(DAY);
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        scores.add("Aa", 1, T0);
        scores.add("BB", 2, T0);
        scores.add(new String("Aa"), 3, T0);

        assertThat(scores.size()).isEqualTo(2);
        assertThat(scores.valueAt("Aa", T0)).isEqualTo(4);
        assertThat(scores.valueAt(new String("BB"), T0)).isEqualTo(2);
    }

    @Test
    void randomSequences_giveBitForBitTheValuesOfAMapOfDecayingScores() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            Duration halfLife = Duration.ofMillis(random.nextLong(1, 30 * DAY_MILLIS));
            AffinityScores scores = new AffinityScores(halfLife);
            Map<String, DecayingScore> expected = new HashMap<>();
            List<String> keys = randomKeys(random, 50 + random.nextInt(300));
            for (int i = 0; i < 5_000; i++) {
                String key = keys.get(random.nextInt(keys.size()));
                double weight = randomWeight(random);
                long at = T0 + random.nextLong(-60 * DAY_MILLIS, 60 * DAY_MILLIS);
                // A copy of the key: the table must find keys by equality, as the map does.
                scores.add(new String(key), weight, at);
                expected.computeIfAbsent(key, k -> new DecayingScore(halfLife)).add(weight, Instant.ofEpochMilli(at));
            }
            assertThat(scores.size()).as("seed %d", seed).isEqualTo(expected.size());
            for (long now : new long[] {T0 - 90 * DAY_MILLIS, T0, T0 + 61 * DAY_MILLIS, T0 + 3_000 * DAY_MILLIS,
                    T0 + random.nextLong(400 * DAY_MILLIS)}) {
                Map<String, Long> actualBits = new HashMap<>();
                scores.forEachValueAt(now, (key, value) -> actualBits.put(key, Double.doubleToRawLongBits(value)));
                Map<String, Long> expectedBits = new HashMap<>();
                expected.forEach((key, score) ->
                        expectedBits.put(key, Double.doubleToRawLongBits(score.valueAt(Instant.ofEpochMilli(now)))));
                assertThat(actualBits).as("seed %d at %d", seed, now).isEqualTo(expectedBits);
                for (String key : keys) {
                    DecayingScore score = expected.get(key);
                    double want = score == null ? 0 : score.valueAt(Instant.ofEpochMilli(now));
                    assertThat(Double.doubleToRawLongBits(scores.valueAt(key, now)))
                            .as("seed %d key %s", seed, key).isEqualTo(Double.doubleToRawLongBits(want));
                }
            }
        }
    }

    private static List<String> randomKeys(Random random, int count) {
        return random.ints(count, 0, 10 * count).mapToObj(i -> "Women/Shoes/" + i).distinct().toList();
    }

    /** Mostly small positive weights, some negative, some taken back exactly, some tiny. */
    private static double randomWeight(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> -random.nextDouble() * 5;
            case 1 -> 1e-10 * random.nextDouble();
            case 2 -> -1;
            default -> random.nextInt(1, 6);
        };
    }
}
