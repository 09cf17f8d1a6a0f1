package dev.grat.recommend;

import dev.grat.profile.PairChange;
import dev.grat.profile.RecentSet;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Random visitor histories: the counts always equal the pairs in the visitors' current sets, so removal is exact. */
class CoOccurrencePropertyTest {

    @RepeatedTest(25)
    void countsEqualPairsOfCurrentSets_andRemovingEveryVisitorLeavesNothing(RepetitionInfo info) {
        Random random = new Random(info.getCurrentRepetition());
        int window = 2 + random.nextInt(6);
        int items = 3 + random.nextInt(12);
        CoOccurrence counts = new CoOccurrence();
        Map<Integer, RecentSet> visitors = new HashMap<>();
        for (int step = 0; step < 400; step++) {
            RecentSet set = visitors.computeIfAbsent(random.nextInt(8), v -> new RecentSet(window));
            RecentSet.Change change = set.touch(random.nextInt(items));
            if (change.added() != null) {
                counts.apply(List.of(new PairChange(PairChange.Kind.VIEWED, change)), 1);
            }
        }
        for (int a = 0; a < items; a++) {
            for (int b = 0; b < items; b++) {
                if (a != b) {
                    assertThat(counts.viewedCount(a, b)).isEqualTo(expectedPairs(visitors.values(), a, b));
                }
            }
        }
        for (RecentSet set : visitors.values()) {
            counts.apply(pairsOf(set), -1);
        }
        assertThat(counts.pairCount()).isZero();
    }

    @RepeatedTest(25)
    void neighbours_areTheBestScoredPartners_bestFirst_withCosineOfCounts(RepetitionInfo info) {
        Random random = new Random(1000 + info.getCurrentRepetition());
        int items = 5 + random.nextInt(40);
        CoOccurrence counts = new CoOccurrence();
        Map<Integer, RecentSet> visitors = new HashMap<>();
        for (int step = 0; step < 600; step++) {
            RecentSet set = visitors.computeIfAbsent(random.nextInt(30), v -> new RecentSet(2 + random.nextInt(4)));
            RecentSet.Change change = set.touch(random.nextInt(items));
            if (change.added() != null) {
                counts.apply(List.of(new PairChange(PairChange.Kind.VIEWED, change)), 1);
            }
        }
        long[] rowSums = new long[items];
        for (int a = 0; a < items; a++) {
            for (int b = 0; b < items; b++) {
                rowSums[a] += a == b ? 0 : counts.viewedCount(a, b);
            }
        }
        int limit = 1 + random.nextInt(8);
        for (int a = 0; a < items; a++) {
            List<CoOccurrence.Neighbor> neighbours = counts.viewedWith(a, limit);
            List<Double> all = new ArrayList<>();
            for (int b = 0; b < items; b++) {
                if (b != a && counts.viewedCount(a, b) > 0) {
                    all.add(counts.viewedCount(a, b) / Math.sqrt((double) rowSums[a] * Math.max(1, rowSums[b])));
                }
            }
            all.sort(java.util.Comparator.reverseOrder());
            assertThat(neighbours).extracting(CoOccurrence.Neighbor::score)
                    .containsExactlyElementsOf(all.subList(0, Math.min(limit, all.size())));
            for (CoOccurrence.Neighbor n : neighbours) {
                assertThat(n.count()).isEqualTo(counts.viewedCount(a, n.item()));
                assertThat(n.score()).isEqualTo(n.count() / Math.sqrt((double) rowSums[a] * Math.max(1, rowSums[n.item()])));
            }
        }
    }

    private static int expectedPairs(Iterable<RecentSet> sets, int a, int b) {
        int n = 0;
        for (RecentSet set : sets) {
            if (set.items().contains(a) && set.items().contains(b)) {
                n++;
            }
        }
        return n;
    }

    private static List<PairChange> pairsOf(RecentSet set) {
        List<Integer> items = set.items();
        List<PairChange> pairs = new ArrayList<>();
        for (int i = 1; i < items.size(); i++) {
            pairs.add(new PairChange(PairChange.Kind.VIEWED, new RecentSet.Change(items.get(i), null,
                    items.subList(0, i).stream().mapToInt(Integer::intValue).toArray())));
        }
        return pairs;
    }
}
