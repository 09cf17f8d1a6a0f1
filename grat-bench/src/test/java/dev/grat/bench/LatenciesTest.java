package dev.grat.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LatenciesTest {

    @Test
    void percentile_usesTheNearestRankOfTheSortedSamples() {
        Latencies latencies = new Latencies(4);
        for (long n = 100; n >= 1; n--) {
            latencies.record(n);
        }

        assertThat(latencies.percentile(0.50)).isEqualTo(50);
        assertThat(latencies.percentile(0.99)).isEqualTo(99);
        assertThat(latencies.percentile(0.999)).isEqualTo(100);
        assertThat(latencies.percentile(0.001)).isEqualTo(1);
    }

    @Test
    void merge_keepsEverySampleOfEveryPart() {
        Latencies first = new Latencies(1);
        Latencies second = new Latencies(1);
        first.record(5);
        second.record(1);
        second.record(9);

        Latencies all = Latencies.merge(List.of(first, second));

        assertThat(all.count()).isEqualTo(3);
        assertThat(all.percentile(0.5)).isEqualTo(5);
        assertThat(all.percentile(1.0)).isEqualTo(9);
    }

    @Test
    void percentile_withoutSamples_fails() {
        assertThatThrownBy(() -> new Latencies(1).percentile(0.5)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void zipfSampler_drawsLowRanksFarMoreOftenThanTheTail() {
        ZipfSampler sampler = new ZipfSampler(1000, 1.0);
        SplittableRandom random = new SplittableRandom(3);
        int[] counts = new int[1000];
        for (int i = 0; i < 100_000; i++) {
            counts[sampler.next(random)]++;
        }

        assertThat(counts[0]).isGreaterThan(counts[1]).isGreaterThan(10 * counts[99]);
        assertThat(counts[999]).isLessThan(counts[9]);
    }
}
