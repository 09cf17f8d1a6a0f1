package dev.grat.eval.recommend;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SplitterTest {

    private static List<Rating> ratings() {
        List<Rating> ratings = new ArrayList<>();
        long sequence = 0;
        for (int user = 0; user < 20; user++) {
            for (int item = 0; item < 4 + user; item++) {
                ratings.add(new Rating("u" + user, "i" + item, 1, 1000 - item * 10L + user, sequence++));
            }
        }
        return ratings;
    }

    @Test
    void random_holdsOutTheRatioOfEachUser_andDependsOnlyOnTheSeed() {
        Split split = Splitter.RANDOM.split(ratings(), 0.75, 7);
        Map<String, List<Rating>> train = Splitter.byUser(split.train());
        Map<String, List<Rating>> all = Splitter.byUser(ratings());
        all.forEach((user, own) -> assertThat(train.get(user)).hasSize((int) Math.round(own.size() * 0.75)));
        assertThat(split.train().size() + split.test().size()).isEqualTo(ratings().size());
        assertThat(Splitter.RANDOM.split(ratings(), 0.75, 7)).isEqualTo(split);
        assertThat(Splitter.RANDOM.split(ratings(), 0.75, 8)).isNotEqualTo(split);
    }

    @Test
    void leaveLast_holdsOutEachUsersLatestInteraction() {
        Split split = Splitter.LEAVE_LAST.split(ratings(), 0.75, 7);
        assertThat(split.test()).hasSize(20);
        // timestamps fall with the item number, so the latest interaction is item 0
        assertThat(split.test()).allSatisfy(rating -> assertThat(rating.item()).isEqualTo("i0"));
    }

    @Test
    void temporal_trainsOnTheEarliestInteractionsOfEverybody() {
        Split split = Splitter.TEMPORAL.split(ratings(), 0.75, 7);
        long lastTrain = split.train().stream().mapToLong(Rating::timestamp).max().orElseThrow();
        long firstTest = split.test().stream().mapToLong(Rating::timestamp).min().orElseThrow();
        assertThat(lastTrain).isLessThanOrEqualTo(firstTest);
        assertThat(split.train()).hasSize((int) Math.round(ratings().size() * 0.75));
    }
}
